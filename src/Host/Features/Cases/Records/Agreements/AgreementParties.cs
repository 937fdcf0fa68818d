namespace Mediation.Host.Features.Cases.Records.Agreements;

/// <summary>
/// The parties' basic information an agreement must state (PML 29; DOMAIN §2.2): name, sex, age or date of birth,
/// ethnicity, ID number, address and contact. It is taken from the case's parties, so a gap is reported per party and
/// field (<c>parties[1].ethnicity</c>), to be filled with <c>PATCH /api/cases/{caseNumber}/parties/{index}</c>.
/// </summary>
internal static class AgreementParties
{
    public static void Check(Case @case, FieldErrors errors)
    {
        foreach (var party in @case.Parties.OrderBy(p => p.Position))
        {
            var at = $"parties[{party.Position}]";
            var who = $"{party.Name} ({RecordCodes.Camel(party.Role)})";
            var fix = $"complete it with PATCH /api/cases/{@case.CaseNumber}/parties/{party.Position}";
            if (party.Sex is null) errors.Add($"{at}.sex", $"{who} has no sex recorded; {fix}");
            if (party.BirthDate is null && party.Age is null) errors.Add($"{at}.age", $"{who} has neither age nor date of birth recorded; {fix}");
            if (party.Ethnicity is null) errors.Add($"{at}.ethnicity", $"{who} has no ethnicity recorded; {fix}");
            if (party.IdNumber is null) errors.Add($"{at}.idNumber", $"{who} has no ID number recorded; {fix}");
            if (party.Address is null) errors.Add($"{at}.address", $"{who} has no address recorded; {fix}");
            if (party.Phone is null) errors.Add($"{at}.phone", $"{who} has no contact (phone) recorded; {fix}");
        }
    }
}
