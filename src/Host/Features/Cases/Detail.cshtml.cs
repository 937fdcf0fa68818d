using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Definitions;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// One case: what intake recorded, its parties, its open tasks, its process drawn with where it waits, and the timeline
/// of its records and journal. Read through <see cref="GetCase"/>, the handler of <c>GET /api/cases/{caseNumber}</c>, so a case the
/// user may not see answers 404 here as it does there.
/// </summary>
public sealed class DetailModel(CaseAccess access, HostDbContext db, IWorkflowEngine engine, IWorkflowDbFactory databases,
    DefinitionCache definitions) : PageModel
{
    public CaseView? Case { get; private set; }

    /// <summary>The version of the process the case's instance runs on, for the diagram.</summary>
    public Guid? DefinitionId { get; private set; }

    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];

    public IReadOnlyDictionary<string, string> ElementNames { get; private set; } = new Dictionary<string, string>();

    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string caseNumber, CancellationToken ct)
    {
        var result = await GetCase.Handle(caseNumber, User, access, db, engine, ct);
        if (result.Result is not Ok<CaseView> { Value: { } view })
        {
            // The same answer for a case that does not exist and one the user may not see.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Case = view;
        if (view.Instance is { } instance)
        {
            DefinitionId = instance.DefinitionId;
            // The engine's cache of parsed models: the XML is read and parsed once per version, not on every view.
            await using var workflows = databases.Create();
            ElementNames = TimelineLines.ElementNames(definitions.GetProcess(workflows, instance.DefinitionId, view.DefinitionKey));
        }
        Timeline = TimelineLines.Of(view.Timeline ?? [], ElementNames);
        return Page();
    }

    public string NameOf(string elementId) => ElementNames.GetValueOrDefault(elementId) ?? elementId;
}
