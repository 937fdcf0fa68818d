using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// Checks a whole intake at once, so the clerk sees every problem in one answer: the codes, the area, the parties (an
/// applicant and a respondent, each with recorded consent, valid ID and phone numbers) and that the process to start
/// is deployed. Nothing is stored here.
/// </summary>
public sealed class IntakeValidator(HostDbContext db, IWorkflowEngine engine)
{
    public async Task<(Registration? Registration, Dictionary<string, string[]> Errors)> CheckAsync(IntakeRequest request, DateOnly today,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var channel = Code(request.Channel, "channel", CaseCodes.Channels.Keys, errors);
        var category = Code(request.Category, "category", CaseCodes.Categories.Keys, errors);
        var risk = string.IsNullOrWhiteSpace(request.RiskLevel) ? null : Code(request.RiskLevel, "riskLevel", CaseCodes.RiskLevels, errors);
        var area = await AreaAsync(request.AreaCode, errors, ct);
        var facts = Text(request.Facts, "facts", CaseLimits.FactsLength, errors, required: true);
        var issues = Text(request.IssuesInDispute, "issuesInDispute", CaseLimits.IssuesLength, errors, required: false);
        var parties = Parties(request.Parties, today, errors);
        var collective = request.Collective ?? false;
        CheckPersons(request.PersonsInvolved, collective, parties.Count, errors);

        var courtDelegated = (request.CourtDelegated ?? false) || channel == CaseCodes.CourtReferral;
        var securityMatter = request.SecurityMatter ?? false;
        var definitionKey = await DefinitionAsync(request.DefinitionKey, channel, courtDelegated, securityMatter, errors, ct);
        if (errors.Any) return (null, errors.ToDictionary());
        return (new Registration(channel!, CaseCodes.Channels[channel!], category!, risk ?? CaseCodes.DefaultRisk(category!, collective),
            area!, facts!, issues, collective, request.PersonsInvolved, courtDelegated, securityMatter, definitionKey!, parties), []);
    }

    private static string? Code(string? value, string field, IEnumerable<string> allowed, FieldErrors errors)
    {
        var list = allowed.ToList();
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, $"required: one of {string.Join(", ", list)}");
        else if (!list.Contains(value.Trim())) errors.Add(field, $"'{value}' is not one of {string.Join(", ", list)}");
        else return value.Trim();
        return null;
    }

    /// <summary>The case's area: an existing unit of the tree that is an area (a village, group, household...), not an office.</summary>
    private async Task<OrgUnit?> AreaAsync(string? code, FieldErrors errors, CancellationToken ct)
    {
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add("areaCode", "the dispute's area is required: the code of a unit of the organisation tree, e.g. XT-ZCZ-XHC-1Z");
            return null;
        }
        var unit = trimmed.Length > OrgLimits.CodeLength ? null
            : await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == trimmed, ct);
        if (unit is null) errors.Add("areaCode", $"no unit of the organisation tree has the code '{trimmed}'");
        else if (OrgShapes.Offices.Contains(unit.Kind))
            errors.Add("areaCode", $"'{trimmed}' is a {unit.Kind}, an office; give the area the dispute arose in (its village, community, group or household)");
        else return unit;
        return null;
    }

    private static string? Text(string? value, string field, int max, FieldErrors errors, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(field, "required: what happened, in a few sentences");
            return null;
        }
        if (text.Length > max) errors.Add(field, $"at most {max} characters");
        return text;
    }

    private static List<Party> Parties(List<PartyRequest?>? requests, DateOnly today, FieldErrors errors)
    {
        if (requests is null || requests.Count == 0)
        {
            errors.Add("parties", "the parties are required: at least one applicant and one respondent");
            return [];
        }
        if (requests.Count > CaseLimits.MaxParties)
        {
            errors.Add("parties", $"at most {CaseLimits.MaxParties} parties; register a collective dispute's representatives (personsInvolved counts everyone)");
            return [];
        }
        var parties = requests.Select((p, i) => PartyValidator.Check(p, i, today, errors)).ToList();
        var valid = parties.OfType<Party>().ToList();
        if (!requests.Any(p => string.Equals(p?.Role?.Trim(), "applicant", StringComparison.OrdinalIgnoreCase)))
            errors.Add("parties", "an applicant (申请人) is required");
        if (!requests.Any(p => string.Equals(p?.Role?.Trim(), "respondent", StringComparison.OrdinalIgnoreCase)))
            errors.Add("parties", "a respondent (被申请人) is required");
        var firstWithId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var party in valid.Where(p => p.IdNumber is not null))
        {
            if (firstWithId.TryGetValue(party.IdNumber!, out var first))
                errors.Add($"parties[{party.Position}].idNumber", $"the same ID number as parties[{first}]: one person is one party");
            else firstWithId[party.IdNumber!] = party.Position;
        }
        return valid;
    }

    private static void CheckPersons(int? persons, bool collective, int parties, FieldErrors errors)
    {
        if (persons is null)
        {
            if (collective) errors.Add("personsInvolved", "required for a collective dispute: how many people it concerns");
            return;
        }
        if (persons < 1) errors.Add("personsInvolved", $"{persons} is not a number of people");
        else if (persons < parties) errors.Add("personsInvolved", $"{persons} is fewer than the {parties} parties registered");
    }

    /// <summary>The process to start: the one named, else the routed one; either must be deployed before anything is stored.</summary>
    private async Task<string?> DefinitionAsync(string? requested, string? channel, bool courtDelegated, bool securityMatter,
        FieldErrors errors, CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
        if (key is null && channel is null) return null;   // the route depends on the channel, reported already
        key ??= CaseProcesses.For(channel!, courtDelegated, securityMatter);
        if (await engine.GetLatestDefinitionAsync(key, ct) is not null) return key;
        errors.Add("definitionKey", requested is null
            ? $"this case routes to the process '{key}', which is not deployed; deploy it or name a deployed process in definitionKey"
            : $"no process with the key '{key}' is deployed");
        return null;
    }
}
