using System.Globalization;
using System.Text.RegularExpressions;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// The intake page's form as typed: numbers stay text, so a refused form comes back exactly as the clerk left it, and
/// a number that does not read is reported beside its field like any other problem.
/// </summary>
public sealed class IntakeForm
{
    public string? Channel { get; set; }
    public string? Category { get; set; }
    public string? RiskLevel { get; set; }
    public string? AreaCode { get; set; }
    public string? Facts { get; set; }
    public string? IssuesInDispute { get; set; }
    public bool Collective { get; set; }
    public string? PersonsInvolved { get; set; }
    public bool CourtDelegated { get; set; }
    public bool SecurityMatter { get; set; }
    public List<PartyForm> Parties { get; set; } = [];

    /// <summary>A new intake: a walk-in with one applicant and one respondent to fill in.</summary>
    public static IntakeForm Blank() => new() { Channel = "walkIn", Parties = [new() { Role = "applicant" }, new() { Role = "respondent" }] };
}

/// <summary>One party row of the form.</summary>
public sealed class PartyForm
{
    public string? Role { get; set; }
    public string? Name { get; set; }
    public string? Sex { get; set; }
    public string? BirthDate { get; set; }
    public string? Age { get; set; }
    public string? Ethnicity { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public bool Minor { get; set; }
    public string? Consent { get; set; }

    /// <summary>A row left blank (its role preset, nothing typed): dropped rather than refused.</summary>
    public bool IsBlank => new[] { Name, Sex, BirthDate, Age, Ethnicity, IdNumber, Phone, Address, Consent }.All(string.IsNullOrWhiteSpace) && !Minor;
}

/// <summary>
/// The form turned into the body of <c>POST /api/cases</c>, with the problems only the form can have (a number that is not
/// one). Blank party rows are not sent, so the API's <c>parties[j]</c> is mapped back to the row the page shows.
/// </summary>
public sealed partial class IntakeSubmission
{
    private readonly int[] rows;
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public IntakeSubmission(IntakeForm form)
    {
        var sent = form.Parties.Select((party, row) => (party, row)).Where(p => !p.party.IsBlank).ToList();
        rows = sent.Select(p => p.row).ToArray();
        var parties = sent.Select(p => (PartyRequest?)Party(p.party, p.row)).ToList();
        Request = new IntakeRequest(form.Channel, form.Category, Blank(form.RiskLevel), form.AreaCode, form.Facts, form.IssuesInDispute,
            form.Collective, Number(form.PersonsInvolved, "personsInvolved"), form.CourtDelegated, form.SecurityMatter,
            DefinitionKey: null, parties);
    }

    public IntakeRequest Request { get; }

    /// <summary>Whether the form itself has problems (then it is checked, but not registered).</summary>
    public bool HasErrors => errors.Count > 0;

    /// <summary>A problem keyed as the page shows it (<c>parties[2].age</c>: the third row on the page).</summary>
    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>Adds the API's problems, their party indices turned into the page's rows.</summary>
    public void AddFromApi(IDictionary<string, string[]> problems)
    {
        foreach (var (field, messages) in problems)
        {
            var row = PartyIndex().Replace(field, m => int.TryParse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var j) && j < rows.Length
                ? $"parties[{rows[j]}]" : m.Value, 1);
            foreach (var message in messages) Add(row, message);
        }
    }

    public IReadOnlyDictionary<string, string[]> Errors => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    // An unticked box says nothing: the API then reads minority off the birth date or age instead of contradicting it.
    private PartyRequest Party(PartyForm p, int row) => new(p.Role, p.Name, p.Sex, Blank(p.BirthDate), Number(p.Age, $"parties[{row}].age"),
        p.Ethnicity, p.IdNumber, p.Phone, p.Address, p.Minor ? true : null, p.Consent);

    private int? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        Add(field, $"'{text.Trim()}' is not a whole number");
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [GeneratedRegex(@"^parties\[(\d+)\]")]
    private static partial Regex PartyIndex();
}

/// <summary>One party row as the page draws it; <see cref="Index"/> is a placeholder in the template intake.js copies.</summary>
public sealed record PartyRow(string Index, string Number, PartyForm Party, IReadOnlyDictionary<string, string[]> Errors)
{
    public const string Placeholder = "__row__";

    public string Name(string property) => $"Form.Parties[{Index}].{property}";

    public string[] ErrorsFor(string key) => Errors.GetValueOrDefault(key) ?? [];
}
