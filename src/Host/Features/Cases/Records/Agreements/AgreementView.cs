using Mediation.Host.Features.Cases.Records.Confirmation;

namespace Mediation.Host.Features.Cases.Records.Agreements;

/// <summary>The agreement as the API shows it, with the case's parties as its parties and what still keeps it from taking effect.</summary>
public sealed record AgreementView(
    string CaseNumber,
    string Form,
    DateOnly AgreementDate,
    IReadOnlyList<PartyView> Parties,
    string Facts,
    string Issues,
    string Responsibilities,
    string AgreedContent,
    string PerformanceMethod,
    string PerformancePlace,
    DateOnly PerformanceDeadline,
    string PerformanceDue,
    decimal? Amount,
    int? Copies,
    bool IdentityRelation,
    bool TitleConfirmation,
    bool PerformedOnSigning,
    string Mediator,
    DateTimeOffset? AgreedAt,
    IReadOnlyList<SignatureView> Signatures,
    IReadOnlyList<string> MissingSignatures,
    bool Effective,
    DateTimeOffset? EffectiveAt,
    DateTimeOffset? ConfirmationWindowEndsAt,
    ProcessUpdateView? Process,
    string DraftedBy,
    DateTimeOffset DraftedAt,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static AgreementView Of(Case c, Agreement a, RecordClock clock) => new(
        c.CaseNumber, RecordCodes.Camel(a.Form), a.AgreementDate, c.Parties.OrderBy(p => p.Position).Select(PartyView.Of).ToList(),
        a.Facts, a.Issues, a.Responsibilities, a.AgreedContent, a.PerformanceMethod, a.PerformancePlace, a.PerformanceDeadline,
        clock.Format(clock.EndOfDay(a.PerformanceDeadline)), a.Amount, a.Copies, a.IdentityRelation, a.TitleConfirmation,
        a.PerformedOnSigning, a.Mediator, a.AgreedAt,
        a.Signatures.OrderBy(s => s.Signer).ThenBy(s => s.PartyPosition).Select(SignatureView.Of).ToList(),
        AgreementSigners.Missing(c, a), a.EffectiveAt is not null, a.EffectiveAt,
        a.EffectiveAt is { } at && a.Form == AgreementForm.Written ? clock.LegalDays(at, ConfirmationRules.WindowDays).End : null,
        a.EffectiveAt is null ? null : new ProcessUpdateView(a.ProcessUpdate ?? "pending", a.ProcessUpdatedAt),
        a.DraftedBy, a.DraftedAt, a.UpdatedBy, a.UpdatedAt, a.Version);
}

/// <summary>A signature: <c>signer</c> party|mediator|committee, the party's index, <c>mark</c> signed|sealed|fingerprinted.</summary>
public sealed record SignatureView(string Signer, int? Party, string Mark, string? Name, DateTimeOffset SignedAt, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static SignatureView Of(AgreementSignature s)
        => new(RecordCodes.Camel(s.Signer), s.PartyPosition, RecordCodes.Camel(s.Mark), s.Name, s.SignedAt, s.RecordedBy, s.RecordedAt);
}

/// <summary>What the case's process was told when the agreement took effect: <c>taskCompleted</c>, <c>variablesSet</c>,
/// <c>instanceEnded</c>, <c>noInstance</c>, or <c>pending</c> (the minutely sweep tries again).</summary>
public sealed record ProcessUpdateView(string Update, DateTimeOffset? At);

/// <summary>Who must sign a written agreement: every party of the case, the mediator, and the committee's seal.</summary>
internal static class AgreementSigners
{
    public const string Mediator = "mediator";
    public const string Committee = "committee";

    public static string PartyKey(int position) => $"party:{position}";

    public static IEnumerable<string> Required(Case c)
        => c.Parties.OrderBy(p => p.Position).Select(p => PartyKey(p.Position)).Append(Mediator).Append(Committee);

    public static IReadOnlyList<string> Missing(Case c, Agreement a)
    {
        if (a.Form == AgreementForm.Oral) return [];
        var signed = a.Signatures.Select(s => s.SignerKey).ToHashSet(StringComparer.Ordinal);
        return Required(c).Where(k => !signed.Contains(k)).ToList();
    }
}
