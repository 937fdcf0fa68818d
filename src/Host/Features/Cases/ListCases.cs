using System.Security.Claims;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary><c>GET /api/cases?status=&amp;category=&amp;area=&amp;page=</c>: the cases the caller may see, newest first, 50 a page.</summary>
public static class ListCases
{
    public const int PageSize = 50;

    public static async Task<Results<Ok<CasePage>, ValidationProblem>> Handle(string? status, string? category, string? area, int? page,
        ClaimsPrincipal user, CaseAccess access, HostDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CaseStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _)) wanted = parsed;
            else errors.Add("status", $"'{status}' is not one of {string.Join(", ", Enum.GetNames<CaseStatus>())}");
        }
        if (!string.IsNullOrWhiteSpace(category) && !CaseCodes.Categories.ContainsKey(category))
            errors.Add("category", $"'{category}' is not one of {string.Join(", ", CaseCodes.Categories.Keys)}");
        string? areaPath = null;
        if (!string.IsNullOrWhiteSpace(area))
        {
            areaPath = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Code == area).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (areaPath is null) errors.Add("area", $"no unit of the organisation tree has the code '{area}'");
        }
        if (page is < 1) errors.Add("page", "pages count from 1");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The case list cannot be filtered so");

        var cases = (await access.VisibleAsync(user, ct)).AsNoTracking();
        if (wanted is { } s) cases = cases.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(category)) cases = cases.Where(c => c.Category == category);
        if (areaPath is not null) cases = cases.Where(c => c.AreaPath.StartsWith(areaPath));
        var number = page ?? 1;
        var total = await cases.CountAsync(ct);
        var rows = await cases.OrderByDescending(c => c.Year).ThenByDescending(c => c.Sequence)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Include(c => c.Parties)
            .AsSplitQuery()
            .ToListAsync(ct);
        return TypedResults.Ok(new CasePage(rows.Select(Summary).ToList(), number, PageSize, total));
    }

    private static CaseSummary Summary(Case c) => new(c.CaseNumber, c.Status.ToString(), c.Channel, c.Source.ToString(), c.Category,
        c.RiskLevel, c.AreaCode, c.Collective, Names(c, PartyRole.Applicant), Names(c, PartyRole.Respondent), c.CreatedAt, c.Outcome);

    private static IReadOnlyList<string> Names(Case c, PartyRole role)
        => c.Parties.Where(p => p.Role == role).OrderBy(p => p.Position).Select(p => p.Name).ToList();
}
