using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mediation.Host.Features.Cases.Records;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// The intake form (登记). Posting registers through <see cref="RegisterCase"/>, the handler of <c>POST /api/cases</c>, so
/// the page and the API refuse and accept the same intakes; a refused form comes back as typed with each problem beside
/// its field. Party rows are added and removed by posting the form (no script needed); intake.js does it in place.
/// </summary>
public sealed class IntakeModel(HostDbContext db, AreaReach reach, IWorkflowEngine engine) : PageModel
{
    /// <summary>Area levels offered: a household or building is registered under its village group or compound.</summary>
    private static readonly OrgUnitKind[] AreaKinds =
    [
        OrgUnitKind.County, OrgUnitKind.Town, OrgUnitKind.Subdistrict, OrgUnitKind.Village, OrgUnitKind.Community,
        OrgUnitKind.VillageGroup, OrgUnitKind.Compound,
    ];

    [BindProperty] public IntakeForm Form { get; set; } = IntakeForm.Blank();

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool MayRegister => CasesEndpoints.IntakeRoles.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayRegister) return Refused();
        Areas = await AreasAsync(ct);
        if (Areas.Count == 1) Form.AreaCode = Areas[0].Code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IntakeValidator validator, [FromServices] CaseStarter starter,
        [FromServices] RecordClock clock, CancellationToken ct)
    {
        if (!MayRegister) return Refused();
        Areas = await AreasAsync(ct);
        var submission = new IntakeSubmission(Form);
        var area = Form.AreaCode?.Trim();
        // The list offers only areas the clerk serves: a case registered elsewhere would be hidden from them at once.
        if (!string.IsNullOrEmpty(area) && Areas.All(a => a.Code != area))
            submission.Add("areaCode", $"'{area}' is not an area you serve; choose one from the list");
        if (submission.HasErrors)
        {
            // Refused anyway: still check the rest, so every problem shows at once.
            submission.AddFromApi((await validator.CheckAsync(submission.Request, clock.Today(), ct)).Errors);
            return Refused(submission);
        }
        var result = await RegisterCase.Handle(submission.Request, User, validator, db, starter, engine, clock, ct);
        switch (result.Result)
        {
            case Created<CaseView> { Value: { } created }:
                TempData["Message"] = $"已登记 {created.CaseNumber}。Registered.";
                return RedirectToPage("/Cases/Detail", new { caseNumber = created.CaseNumber });
            case ValidationProblem problem:
                submission.AddFromApi(problem.ProblemDetails.Errors);
                return Refused(submission);
            default:
                throw new InvalidOperationException($"RegisterCase answered {result.Result.GetType().Name}");
        }
    }

    public async Task<IActionResult> OnPostAddPartyAsync(CancellationToken ct)
    {
        if (!MayRegister) return Refused();
        Areas = await AreasAsync(ct);
        Form.Parties.Add(new PartyForm());
        return Page();
    }

    public async Task<IActionResult> OnPostRemovePartyAsync(int row, CancellationToken ct)
    {
        if (!MayRegister) return Refused();
        Areas = await AreasAsync(ct);
        if (row >= 0 && row < Form.Parties.Count) Form.Parties.RemoveAt(row);
        return Page();
    }

    public string[] ErrorsFor(string field) => Errors.GetValueOrDefault(field) ?? [];

    /// <summary>Problems not shown beside a field of the form (the process to start, the party list as a whole).</summary>
    public IEnumerable<KeyValuePair<string, string[]>> OtherErrors()
    {
        string[] fields = ["channel", "category", "riskLevel", "areaCode", "facts", "issuesInDispute", "personsInvolved"];
        return Errors.Where(e => !fields.Contains(e.Key) && !(e.Key.StartsWith("parties[", StringComparison.Ordinal) && PartyRowShown(e.Key)));
    }

    private bool PartyRowShown(string key)
    {
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return close > 8 && int.TryParse(key.AsSpan(8, close - 8), out var row) && row < Form.Parties.Count && key.Length > close + 1;
    }

    private PageResult Refused(IntakeSubmission submission)
    {
        Errors = submission.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>The area units in the subtrees the user serves (every one for administrators), in tree order.</summary>
    private async Task<IReadOnlyList<AreaOption>> AreasAsync(CancellationToken ct)
    {
        var areas = db.Set<OrgUnit>().AsNoTracking().Where(u => AreaKinds.Contains(u.Kind));
        var units = new List<OrgUnit>();
        if (User.IsAdministrator()) units.AddRange(await areas.ToListAsync(ct));
        else
        {
            foreach (var path in await reach.ServedPathsAsync(User, ct))
                units.AddRange(await areas.Where(u => u.Path.StartsWith(path)).ToListAsync(ct));
        }
        // Ordinal order of the paths is tree order: a unit's subtree shares its path as a prefix, so it follows the unit.
        var ordered = units.DistinctBy(u => u.Id).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        var top = ordered.Count == 0 ? 0 : ordered.Min(Depth);
        return ordered.Select(u => new AreaOption(u.Code, u.Name, Depth(u) - top)).ToList();
    }

    private static int Depth(OrgUnit unit) => unit.Path.Count(c => c == '/') - 2;
}

/// <summary>An area the clerk may register a case in, indented by its depth below the highest one offered.</summary>
public sealed record AreaOption(string Code, string Name, int Depth)
{
    public string Label => $"{new string('\u3000', Depth)}{Name} · {Code}";
}
