using Hangfire;
using Mediation.Host.Features.Auth;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Tasks;
using Mediation.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mediation.Host.Features.Cases;

public static class CasesEndpoints
{
    /// <summary>Who may register a case: the intake desks, mediators at every level, the police, the court, supervisors, administrators.</summary>
    public static readonly string[] IntakeRoles =
    [
        CandidateGroup.Intake, CandidateGroup.VillageMediators, CandidateGroup.TownMediators, CandidateGroup.JudicialOffice,
        CandidateGroup.PoliceStation, CandidateGroup.Court, CandidateGroup.Supervisors, Roles.Administrators,
    ];

    public static IServiceCollection AddMediationCases(this IServiceCollection services)
    {
        services.AddScoped<IntakeValidator>();
        services.AddScoped<CaseStarter>();
        services.AddScoped<AreaReach>();
        services.AddScoped<TaskAccess>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseKeyAccess>();
        services.AddScoped<StartPendingCases>();
        // Tasks of an instance with an areaCode reach a group's members only where they serve that area.
        services.Replace(ServiceDescriptor.Singleton<ITaskScopeResolver, AreaTaskScope>());
        services.AddServiceTaskHandler<AssignByAreaHandler>(AssignByAreaHandler.Name);
        services.AddCaseRecords();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        cases.MapPost("/", RegisterCase.Handle).WithName("RegisterCase").RequireAuthorization(p => p.RequireRole(IntakeRoles));
        cases.MapGet("/", ListCases.Handle).WithName("ListCases");
        cases.MapGet("/{caseNumber}", GetCase.Handle).WithName("GetCase");
        app.ServiceProvider.GetRequiredService<IRecurringJobManager>().AddOrUpdate<StartPendingCases>(
            StartPendingCases.JobId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        app.MapCaseRecords();
        return app;
    }

    /// <summary>At start-up: starts the processes of cases a stopped Host left registered but not started.</summary>
    public static async Task StartPendingCasesAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartPendingCases>().RunAsync(TimeSpan.Zero, ct);
    }
}
