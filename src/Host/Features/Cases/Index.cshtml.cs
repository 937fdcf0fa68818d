using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// The cases the user may see, newest first, filtered by status and category: read through <see cref="ListCases"/>, the
/// handler of <c>GET /api/cases</c>, so the page lists exactly what the API would.
/// </summary>
public sealed class IndexModel(CaseAccess access, HostDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    /// <summary>The page of the list (<c>?p=2</c>; Razor Pages keeps <c>page</c> for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public CasePage Cases { get; private set; } = new([], 1, ListCases.PageSize, 0);

    public IReadOnlyDictionary<string, string> AreaNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public int PageCount => Math.Max(1, (Cases.Total + Cases.PageSize - 1) / Cases.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await ListCases.Handle(Blank(Status), Blank(Category), area: null, PageNumber, User, access, db, ct);
        switch (result.Result)
        {
            case Ok<CasePage> { Value: { } cases }:
                Cases = cases;
                var codes = cases.Items.Select(c => c.AreaCode).Distinct().ToList();
                AreaNames = await db.Set<OrgUnit>().AsNoTracking().Where(u => codes.Contains(u.Code))
                    .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
                return Page();
            case ValidationProblem problem:
                Errors = problem.ProblemDetails.Errors.ToDictionary();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException($"ListCases answered {result.Result.GetType().Name}");
        }
    }

    /// <summary>The query string of another page of the same filter.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Blank(Status), ["category"] = Blank(Category), ["p"] = page.ToString(),
    }.Where(p => p.Value is not null)).ToString();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
