namespace Mediation.Host.Features.Cases.Records.Confirmation;

/// <summary>
/// When judicial confirmation may be asked for (PML 33; CPL 205; CPL-Interp 355): jointly by the parties, of a written
/// agreement in effect, within 30 days of its taking effect counted as <c>legalDays(effectiveAt, 30)</c> (the start day not
/// counted, a last day off rolled to the next working day, open all of that day), and never for identity relations or
/// title confirmation.
/// </summary>
public static class ConfirmationRules
{
    public const int WindowDays = 30;

    /// <summary>Why the agreement cannot be confirmed at all, or null. Field and message, for the 400.</summary>
    public static (string Field, string Message)? Excluded(Case @case, Agreement? agreement)
    {
        if (agreement?.EffectiveAt is null)
            return ("agreement", agreement is null ? "the case has no agreement: judicial confirmation confirms a mediation agreement"
                : "the agreement has not taken effect yet: record the missing signatures first");
        if (agreement.Form == AgreementForm.Oral)
            return ("agreement.form", "an oral agreement cannot be judicially confirmed: only a written agreement can (PML 33)");
        if (agreement.IdentityRelation)
            return ("agreement.identityRelation", $"the agreement concerns an identity relation (marriage, parentage, adoption; category {@case.Category}): courts do not confirm these (CPL-Interp 355)");
        if (agreement.TitleConfirmation)
            return ("agreement.titleConfirmation", "the agreement confirms title to property or an IP right: courts do not confirm these (CPL-Interp 355)");
        return null;
    }

    /// <summary>The last moment an application is in time, and whether the calendar had to guess a year's holidays.</summary>
    public static (DateTimeOffset EndsAt, bool Provisional) Window(Agreement agreement, RecordClock clock)
    {
        var (end, unscheduled) = clock.LegalDays(agreement.EffectiveAt!.Value, WindowDays);
        return (end, unscheduled.Count > 0);
    }
}
