using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// The supervisors' dashboard 统计报表: period, grouping and area pickers, the headline numbers with 环比/同比, a bar
/// chart per measure (SVG drawn here, no script), the table of every group and the overdue open cases. It reads the
/// same <see cref="SummaryQuery"/> as <c>GET /api/reports/summary</c>, so the page shows exactly what the API answers.
/// </summary>
[Authorize(Policy = ReportsEndpoints.ReadersPolicy)]
public sealed class IndexModel(SummaryQuery query, ReportCalendar calendar, AreaReach reach, HostDbContext db) : PageModel
{
    /// <summary>The area levels offered in the picker: a report rolls up to the level below, so households are not offered.</summary>
    private static readonly OrgUnitKind[] PickableKinds =
        [OrgUnitKind.County, OrgUnitKind.Town, OrgUnitKind.Subdistrict, OrgUnitKind.Village, OrgUnitKind.Community];

    [BindProperty(SupportsGet = true)] public string? From { get; set; }

    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    [BindProperty(SupportsGet = true)] public string? GroupBy { get; set; }

    [BindProperty(SupportsGet = true)] public string? Area { get; set; }

    public ReportSummary? Summary { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyList<OrgUnit> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Areas = await PickableAreasAsync(ct);
        var run = await GetSummary.RunAsync(From, To, GroupBy, Area, User, query, calendar, ct);
        Summary = run.Summary;
        if (run.Invalid is { } invalid)
        {
            Errors = invalid.ProblemDetails.Errors.ToDictionary();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (run.Forbidden is { } forbidden)
        {
            Errors = new Dictionary<string, string[]> { ["area"] = [forbidden.ProblemDetails.Detail ?? "not yours"] };
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }

    /// <summary>The query string of the same report for the CSV export.</summary>
    public string ExportLink => "/api/reports/export" + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = Summary?.From.ToString("yyyy-MM-dd"), ["to"] = Summary?.To.ToString("yyyy-MM-dd"),
        ["groupBy"] = Summary?.GroupBy, ["area"] = Summary?.Area,
    }.Where(p => p.Value is not null));

    private async Task<IReadOnlyList<OrgUnit>> PickableAreasAsync(CancellationToken ct)
    {
        var units = await db.Set<OrgUnit>().AsNoTracking().Where(u => PickableKinds.Contains(u.Kind)).OrderBy(u => u.Path).ToListAsync(ct);
        if (User.IsAdministrator()) return units;
        var served = await reach.ServedPathsAsync(User, ct);
        // Their own subtrees, and the units above them (a county report rolls up to the towns, counting only theirs).
        return units.Where(u => served.Any(p => u.Path.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(u.Path, StringComparison.Ordinal))).ToList();
    }

    /// <summary>Indentation of an area in the picker by its depth (county none, town one step...).</summary>
    public static string Indent(OrgUnit unit) => new('　', Math.Max(0, unit.Path.Count(c => c == '/') - 2));
}
