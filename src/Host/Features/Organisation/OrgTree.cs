using System.Text.RegularExpressions;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Organisation;

public sealed record NewOrgUnit(string? Code, string? Name, string? Kind, string? ParentCode);

/// <summary>
/// Adds units to the tree, checked field by field: a well-formed unused code, a name, a known kind and a parent of the
/// kind that shape requires. Used by the API and by the sample seeder, so both trees obey the same shapes.
/// </summary>
public sealed partial class OrgTree(HostDbContext db)
{
    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$")]
    private static partial Regex CodePattern();

    /// <summary>The added unit, or the problems keyed by field (<c>code</c>, <c>name</c>, <c>kind</c>, <c>parentCode</c>).</summary>
    public async Task<(OrgUnit? Unit, Dictionary<string, string[]> Errors)> AddAsync(NewOrgUnit request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim() ?? "";
        if (code.Length == 0) errors["code"] = ["a code is required, e.g. XT-ZCZ-XHC"];
        else if (code.Length > OrgLimits.CodeLength || !CodePattern().IsMatch(code))
            errors["code"] = [$"'{code}' is not a code: upper-case letters and digits in hyphenated parts, at most {OrgLimits.CodeLength} characters"];
        else if (await db.Set<OrgUnit>().AnyAsync(u => u.Code == code, ct)) errors["code"] = [$"'{code}' is already taken"];

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > OrgLimits.NameLength) errors["name"] = [$"a name of 1 to {OrgLimits.NameLength} characters is required"];

        OrgUnitKind kind = default;
        if (!Enum.TryParse(request.Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(request.Kind, out _))
            errors["kind"] = [$"'{request.Kind}' is not a kind; one of {string.Join(", ", Enum.GetNames<OrgUnitKind>())}"];

        OrgUnit? parent = null;
        if (!string.IsNullOrWhiteSpace(request.ParentCode))
        {
            parent = await db.Set<OrgUnit>().FirstOrDefaultAsync(u => u.Code == request.ParentCode, ct);
            if (parent is null) errors["parentCode"] = [$"no unit has the code '{request.ParentCode}'"];
        }
        if (!errors.ContainsKey("kind") && !errors.ContainsKey("parentCode") && OrgShapes.Check(kind, parent?.Kind) is { } shape)
            errors["parentCode"] = [shape];
        if (errors.Count > 0) return (null, errors);

        var unit = new OrgUnit { Code = code, Name = name, Kind = kind, ParentId = parent?.Id, Path = (parent?.Path ?? "/") + code + "/" };
        db.Add(unit);
        await db.SaveChangesAsync(ct);
        return (unit, errors);
    }
}
