using Hangfire;
using Mediation.Workflows.Journal;

namespace Mediation.Host.Features.Points;

public static class PointsSetup
{
    public static IServiceCollection AddMediationPoints(this IServiceCollection services)
    {
        services.AddOptions<PointsOptions>().BindConfiguration(PointsOptions.Section)
            .Validate(o => o.MaxPerCase > 0, "Mediation:Points:MaxPerCase must be positive.")
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Mediation:Points:BatchSize must be between 1 and 10000.")
            .Validate(o => o.RescanWindow >= TimeSpan.Zero, "Mediation:Points:RescanWindow cannot be negative.")
            .Validate(o => o.BoardDays > 0, "Mediation:Points:BoardDays must be positive.")
            .ValidateOnStart();
        services.AddAuthorizationBuilder()
            .AddPolicy(PointsRoles.ManagersPolicy, p => p.RequireRole(PointsRoles.Managers))
            .AddPolicy(PointsRoles.ConfirmersPolicy, p => p.RequireRole(PointsRoles.Confirmers));
        services.AddScoped<PointsLedger>();
        services.AddScoped<CaseParties>();
        services.AddScoped<RuleAwards>();
        services.AddScoped<PointsProcessor>();
        services.AddTransient<AwardPointsJob>();
        return services;
    }

    /// <summary>The points API under <c>/api/points</c>, and the recurring job that applies the rules.</summary>
    public static IEndpointRouteBuilder MapPoints(this IEndpointRouteBuilder app)
    {
        var points = app.MapGroup("/api/points").WithTags("Points");
        points.MapGet("/me", GetAccount.Mine).WithName("GetMyPointsAccount");
        points.MapGet("/accounts", GetAccount.Find).WithName("FindPointsAccount");
        points.MapGet("/accounts/{id:int}", GetAccount.ById).WithName("GetPointsAccount");
        points.MapGet("/accounts/{id:int}/entries", ListAccountEntries.Handle).WithName("ListPointsAccountEntries");
        points.MapPost("/accounts/{id:int}/redemptions", Redeem.Handle).WithName("RedeemPoints");
        points.MapGet("/entries", ListEntries.Handle).WithName("ListPointsEntries").RequireAuthorization(PointsRoles.ConfirmersPolicy);
        points.MapPost("/entries", AddManualEntry.Handle).WithName("AddManualPointsEntry").RequireAuthorization(PointsRoles.ConfirmersPolicy);
        points.MapPost("/entries/{id:long}/confirm", DecideEntry.Confirm).WithName("ConfirmPointsEntry").RequireAuthorization(PointsRoles.ConfirmersPolicy);
        points.MapPost("/entries/{id:long}/reject", DecideEntry.Reject).WithName("RejectPointsEntry").RequireAuthorization(PointsRoles.ConfirmersPolicy);
        points.MapPost("/entries/{id:long}/reverse", ReverseEntry.Handle).WithName("ReversePointsEntry").RequireAuthorization(PointsRoles.ManagersPolicy);
        points.MapGet("/rules", PointsRules.List).WithName("ListPointsRules");
        points.MapGet("/rules/{id:int}", PointsRules.Get).WithName("GetPointsRule");
        points.MapPost("/rules", SaveRule.Create).WithName("CreatePointsRule").RequireAuthorization(PointsRoles.ManagersPolicy);
        points.MapPut("/rules/{id:int}", SaveRule.Update).WithName("UpdatePointsRule").RequireAuthorization(PointsRoles.ManagersPolicy);
        points.MapDelete("/rules/{id:int}", PointsRules.Delete).WithName("DeletePointsRule").RequireAuthorization(PointsRoles.ManagersPolicy);
        points.MapGet("/board", GetBoard.Handle).WithName("GetPointsBoard");
        points.MapPost("/process", ProcessNow.Handle).WithName("ProcessPoints").RequireAuthorization(PointsRoles.ManagersPolicy);

        app.ServiceProvider.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AwardPointsJob>(
            AwardPointsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return app;
    }

    /// <summary>The journal kinds a rule may name: the engine's own list.</summary>
    public static IReadOnlySet<string> JournalEventKinds { get; } = typeof(JournalKinds)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
}
