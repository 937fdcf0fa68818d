using Mediation.Host.Features.Auth;
using Mediation.Host.Features.Organisation;

namespace Mediation.Host.Features.Reports;

public static class ReportsEndpoints
{
    public const string ReadersPolicy = "ReportReaders";

    /// <summary>Who reads reports: supervisors, judicial offices (who collect the statistics, DOMAIN §1) and administrators.</summary>
    public static readonly string[] Readers = [CandidateGroup.Supervisors, CandidateGroup.JudicialOffice, Roles.Administrators];

    public static IServiceCollection AddMediationReports(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section)
            .Validate(o => ReportsOptions.Parse(o.PeoplesMediation) is not null, "Mediation:Reports:PeoplesMediation must be a period such as P1M or P30D.")
            .Validate(o => ReportsOptions.Parse(o.CourtDelegated) is not null, "Mediation:Reports:CourtDelegated must be a period such as P30D.")
            .Validate(o => ReportsOptions.Parse(o.Labour) is not null, "Mediation:Reports:Labour must be a period such as P15D.")
            .Validate(o => o.PerformanceGraceDays is >= 0 and <= 366, "Mediation:Reports:PerformanceGraceDays must be between 0 and 366.")
            .Validate(o => o.OverdueListLimit is > 0 and <= 5_000, "Mediation:Reports:OverdueListLimit must be between 1 and 5000.")
            .ValidateOnStart();
        services.AddAuthorizationBuilder().AddPolicy(ReadersPolicy, p => p.RequireRole(Readers));
        services.AddSingleton<ReportCalendar>();
        services.AddScoped<ReportScopes>();
        services.AddScoped<OverdueList>();
        services.AddScoped<RecordQueries>();
        services.AddScoped<SummaryQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(ReadersPolicy);
        reports.MapGet("/summary", GetSummary.Handle).WithName("GetReportSummary");
        reports.MapGet("/export", ExportSummary.Handle).WithName("ExportReportSummary");
        return app;
    }
}
