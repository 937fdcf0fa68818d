namespace Mediation.Host.Features.Cases.Records.Agreements;

/// <summary>The body of <c>PUT /api/cases/{caseNumber}/agreement</c>. Dates are <c>yyyy-MM-dd</c>; <c>agreedAt</c> an ISO 8601 date-time.</summary>
public sealed record AgreementBody(string? Form, string? AgreementDate, string? Facts, string? Issues, string? Responsibilities,
    string? AgreedContent, string? PerformanceMethod, string? PerformancePlace, string? PerformanceDeadline, decimal? Amount, int? Copies,
    bool? IdentityRelation, bool? TitleConfirmation, bool? PerformedOnSigning, string? Mediator, string? AgreedAt);

/// <summary>
/// Checks an agreement against DOMAIN §2.2 all at once: every content field, the method, place and deadline of performance
/// (after the agreement's date), the amount, the copies (parties + 1), the form's own rules, and each party's basic information.
/// </summary>
internal static class AgreementValidator
{
    public const decimal MaxAmount = 999_999_999_999.99m;

    public static Agreement? Check(AgreementBody body, Case @case, RecordClock clock, FieldErrors errors)
    {
        var form = RecordChecks.Code<AgreementForm>(body.Form, "form", errors, required: true);
        var date = RecordChecks.PastDate(body.AgreementDate, "agreementDate", clock, errors, "required: the date the agreement bears (yyyy-MM-dd)");
        var facts = Required(body.Facts, "facts", CaseLimits.FactsLength, "the main facts of the dispute", errors);
        var issues = Required(body.Issues, "issues", CaseLimits.IssuesLength, "the issues in dispute", errors);
        var responsibilities = Required(body.Responsibilities, "responsibilities", RecordLimits.TextLength, "each party's responsibility", errors);
        var content = Required(body.AgreedContent, "agreedContent", RecordLimits.TextLength, "what the parties agreed", errors);
        var method = Required(body.PerformanceMethod, "performanceMethod", RecordLimits.DescriptionLength, "how the agreement is to be performed (e.g. 银行转账)", errors);
        var place = Required(body.PerformancePlace, "performancePlace", RecordLimits.PlaceLength, "where it is to be performed", errors);
        var deadline = RecordChecks.Date(body.PerformanceDeadline, "performanceDeadline", errors, "required: the deadline of performance (yyyy-MM-dd), PML 29");
        if (deadline is { } due && date is { } signed && due <= signed)
            errors.Add("performanceDeadline", $"{due:yyyy-MM-dd} is not after the agreement's date {signed:yyyy-MM-dd}");
        var mediator = Required(body.Mediator, "mediator", RecordLimits.NameLength, "the mediator who signs or records the agreement", errors);
        CheckAmount(body.Amount, errors);
        CheckMatter(body, @case, errors);
        var agreedAt = CheckForm(form, body, date, @case, clock, errors);
        AgreementParties.Check(@case, errors);
        if (errors.Any) return null;
        return new Agreement
        {
            Form = form!.Value, AgreementDate = date!.Value, Facts = facts!, Issues = issues!, Responsibilities = responsibilities!,
            AgreedContent = content!, PerformanceMethod = method!, PerformancePlace = place!, PerformanceDeadline = deadline!.Value,
            Amount = body.Amount, Copies = form == AgreementForm.Written ? @case.Parties.Count + 1 : null,
            IdentityRelation = body.IdentityRelation ?? false, TitleConfirmation = body.TitleConfirmation ?? false,
            PerformedOnSigning = body.PerformedOnSigning ?? false, Mediator = mediator!, AgreedAt = agreedAt,
            DraftedBy = "", UpdatedBy = "",
        };
    }

    private static string? Required(string? value, string field, int max, string what, FieldErrors errors)
        => RecordChecks.Text(value, field, max, errors, $"required: {what} (PML 29)");

    private static void CheckAmount(decimal? amount, FieldErrors errors)
    {
        if (amount is not { } money) return;
        if (money < 0) errors.Add("amount", $"{money} is negative: give the sum the agreement concerns, or leave it out");
        else if (money > MaxAmount) errors.Add("amount", $"at most {MaxAmount}");
        else if (decimal.Round(money, 2) != money) errors.Add("amount", $"{money} has more than two decimal places (yuan and fen)");
    }

    /// <summary>The matter flags that exclude judicial confirmation must be truthful: identity relations are family matters.</summary>
    private static void CheckMatter(AgreementBody body, Case @case, FieldErrors errors)
    {
        if (body.IdentityRelation == true && @case.Category != "marriageFamily")
            errors.Add("identityRelation", $"identity relations (marriage, parentage, adoption) are marriageFamily matters; this case is {@case.Category}");
    }

    /// <summary>Written: copies = parties + 1, signed later. Oral: recorded by the mediator when agreed, no copies, no signatures (PML 28, 30).</summary>
    private static DateTimeOffset? CheckForm(AgreementForm? form, AgreementBody body, DateOnly? date, Case @case, RecordClock clock, FieldErrors errors)
    {
        if (form == AgreementForm.Written)
        {
            var copies = @case.Parties.Count + 1;
            if (body.Copies is { } given && given != copies)
                errors.Add("copies", $"{given} copies: a written agreement has one per party plus one for the committee, {copies} here");
            if (!string.IsNullOrWhiteSpace(body.AgreedAt))
                errors.Add("agreedAt", "a written agreement takes effect when signed, not when agreed: record the signatures with POST .../agreement/sign");
            return null;
        }
        if (form != AgreementForm.Oral) return null;
        if (body.Copies is not null) errors.Add("copies", "an oral agreement has no copies: the mediator records it (PML 28)");
        var agreedAt = RecordChecks.Past(body.AgreedAt, "agreedAt", clock, errors, "required for an oral agreement: when the parties agreed (it takes effect then, PML 30)");
        if (agreedAt is { } at && date is { } d && clock.LocalDate(at) != d)
            errors.Add("agreementDate", $"{d:yyyy-MM-dd} is not the day the oral agreement was reached ({clock.LocalDate(at):yyyy-MM-dd})");
        return agreedAt;
    }
}
