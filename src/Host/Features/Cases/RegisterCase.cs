using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;
using Mediation.Host.Features.Cases.Records;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// <c>POST /api/cases</c>: registers a dispute (登记). Every problem comes back at once as a 400 keyed by field path;
/// otherwise the case gets the next number of the year in the transaction that stores it, then its process starts
/// with the case number as business key. A start that fails leaves the case registered (StartPending) for the retry.
/// </summary>
public static class RegisterCase
{
    public static async Task<Results<Created<CaseView>, ValidationProblem>> Handle(IntakeRequest body, ClaimsPrincipal user,
        IntakeValidator validator, HostDbContext db, CaseStarter starter, IWorkflowEngine engine, RecordClock clock, CancellationToken ct)
    {
        var (registered, errors) = await RegisterAsync(body, user.UserName(), validator, db, starter, clock, ct);
        if (registered is null) return TypedResults.ValidationProblem(errors, title: "The case cannot be registered");

        var (@case, registration, instance) = registered;
        var tasks = instance is null ? [] : await engine.ListTasksAsync(new TaskQuery { SeeAll = true, BusinessKey = @case.CaseNumber }, ct);
        var view = CaseView.Of(@case, registration.Area.Name, instance, tasks) with { NewTasks = instance?.NewTasks ?? [] };
        return TypedResults.Created($"/api/cases/{@case.CaseNumber}", view);
    }

    /// <summary>
    /// Checks, stores and starts a case: the one way in for the API, the intake page and the sample cases. Null with the
    /// problems by field when the intake is refused (then nothing is stored).
    /// </summary>
    public static async Task<(Registered? Registered, Dictionary<string, string[]> Errors)> RegisterAsync(IntakeRequest body, string actor,
        IntakeValidator validator, HostDbContext db, CaseStarter starter, RecordClock clock, CancellationToken ct)
    {
        var (registration, errors) = await validator.CheckAsync(body, clock.Today(), ct);
        if (registration is null) return (null, errors);
        var @case = await StoreAsync(registration, actor, db, clock, ct);
        var instance = await starter.StartAsync(@case, actor, ct);
        return (new Registered(@case, registration, instance), errors);
    }

    /// <summary>Takes the year's next number and inserts the case and its parties in one transaction.</summary>
    private static async Task<Case> StoreAsync(Registration r, string actor, HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        var now = clock.Now();
        var year = clock.Today().Year;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sequence = await CaseNumbers.NextAsync(db, year, ct);
        var @case = new Case
        {
            CaseNumber = CaseNumbers.Format(year, sequence), Year = year, Sequence = sequence,
            Channel = r.Channel, Source = r.Source, Category = r.Category, RiskLevel = r.RiskLevel,
            AreaCode = r.Area.Code, AreaPath = r.Area.Path, Facts = r.Facts, IssuesInDispute = r.IssuesInDispute,
            Collective = r.Collective, PersonsInvolved = r.PersonsInvolved, CourtDelegated = r.CourtDelegated,
            SecurityMatter = r.SecurityMatter, Status = CaseStatus.StartPending, ProcessInstanceId = Guid.CreateVersion7(now),
            DefinitionKey = r.DefinitionKey, CreatedBy = actor, CreatedAt = now, Parties = r.Parties.ToList(),
        };
        db.Add(@case);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return @case;
    }
}

/// <summary>A stored case, what intake checked, and its started process (null while the start waits for the retry).</summary>
public sealed record Registered(Case Case, Registration Registration, ProcessInstanceView? Instance);
