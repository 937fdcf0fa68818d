using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records.Agreements;

/// <summary>
/// <c>POST /api/cases/{caseNumber}/agreement/sign</c> records signatures on a written agreement: each party's signature,
/// seal or fingerprint, the mediator's signature, the committee's seal. When the last one is in, the agreement takes
/// effect at the latest signing time (PML 29) and the case's process is told. A signer already recorded keeps the first
/// record, so the same request again changes nothing.
/// </summary>
public static class SignAgreement
{
    public sealed record Body(List<SignatureBody?>? Signatures);

    /// <summary><c>signer</c> party|mediator|committee; <c>party</c> the party's index; <c>mark</c> signed|sealed|fingerprinted.</summary>
    public sealed record SignatureBody(string? Signer, int? Party, string? Mark, string? Name, string? SignedAt);

    public static async Task<Results<Ok<AgreementView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(string caseNumber, Body body,
        ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, ProcessUpdates process, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct, withParties: true) is not { } @case) return TypedResults.NotFound();
        var agreement = await db.Set<Agreement>().Include(a => a.Signatures).FirstOrDefaultAsync(a => a.CaseId == @case.Id, ct);
        if (agreement is null)
            return TypedResults.Problem(statusCode: 409, title: "No agreement is drafted yet", detail: $"PUT /api/cases/{@case.CaseNumber}/agreement first.");
        if (agreement.Form == AgreementForm.Oral)
            return TypedResults.Problem(statusCode: 409, title: "An oral agreement is not signed", detail: "The mediator records it and it takes effect when agreed (PML 28, 30).");
        var errors = new FieldErrors();
        var signatures = Check(body, @case, agreement, user.UserName(), clock, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The signatures cannot be recorded");

        var signed = agreement.Signatures.Select(s => s.SignerKey).ToHashSet(StringComparer.Ordinal);
        var added = signatures.Where(s => !signed.Contains(s.SignerKey)).ToList();
        if (added.Count > 0)
        {
            agreement.Signatures.AddRange(added);
            if (AgreementSigners.Missing(@case, agreement).Count == 0) agreement.EffectiveAt = agreement.Signatures.Max(s => s.SignedAt);
            agreement.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(statusCode: 409, title: "Someone else recorded a signature at the same time: reload the agreement");
            }
        }
        await process.AgreementTookEffectAsync(@case, agreement, user.UserName(), ct);
        return TypedResults.Ok(AgreementView.Of(@case, agreement, clock));
    }

    private static List<AgreementSignature> Check(Body body, Case @case, Agreement agreement, string actor, RecordClock clock, FieldErrors errors)
    {
        if (body.Signatures is not { Count: > 0 } list)
        {
            errors.Add("signatures", "required: at least one signature, seal or fingerprint");
            return [];
        }
        var result = new List<AgreementSignature>();
        for (var i = 0; i < list.Count; i++)
        {
            var signature = One(list[i], $"signatures[{i}]", @case, agreement, actor, clock, errors);
            if (signature is null) continue;
            if (result.Any(s => s.SignerKey == signature.SignerKey)) errors.Add($"signatures[{i}]", $"{signature.SignerKey} is listed twice");
            else result.Add(signature);
        }
        return result;
    }

    private static AgreementSignature? One(SignatureBody? body, string at, Case @case, Agreement agreement, string actor, RecordClock clock,
        FieldErrors errors)
    {
        if (body is null)
        {
            errors.Add(at, "a signature is required here, not null");
            return null;
        }
        var signer = RecordChecks.Code<SignerKind>(body.Signer, $"{at}.signer", errors, required: true);
        var signedAt = RecordChecks.Past(body.SignedAt, $"{at}.signedAt", clock, errors, required: null) ?? clock.Now();
        if (!errors.Has($"{at}.signedAt") && clock.LocalDate(signedAt) < agreement.AgreementDate)
            errors.Add($"{at}.signedAt", $"{clock.Format(signedAt)} is before the agreement's date {agreement.AgreementDate:yyyy-MM-dd}");
        var name = RecordChecks.Text(body.Name, $"{at}.name", RecordLimits.NameLength, errors, required: null);
        var (key, mark, position) = signer switch
        {
            SignerKind.Party => PartySigner(body, at, @case, errors),
            SignerKind.Mediator => (AgreementSigners.Mediator, FixedMark(body.Mark, SignatureMark.Signed, $"{at}.mark", "the mediator signs", errors), (int?)null),
            SignerKind.Committee => (AgreementSigners.Committee, FixedMark(body.Mark, SignatureMark.Sealed, $"{at}.mark", "the committee affixes its seal", errors), null),
            _ => (null, null, null),
        };
        if (key is null || mark is null || errors.Has($"{at}.signedAt")) return null;
        return new AgreementSignature
        {
            SignerKey = key, Signer = signer!.Value, PartyPosition = position, Mark = mark.Value, SignedAt = signedAt, RecordedBy = actor,
            RecordedAt = clock.Now(),
            Name = position is { } p ? @case.Parties.First(x => x.Position == p).Name : name ?? (signer == SignerKind.Mediator ? agreement.Mediator : null),
        };
    }

    private static (string?, SignatureMark?, int?) PartySigner(SignatureBody body, string at, Case @case, FieldErrors errors)
    {
        var mark = RecordChecks.Code<SignatureMark>(body.Mark, $"{at}.mark", errors, required: true);
        if (body.Party is not { } position)
        {
            errors.Add($"{at}.party", $"required for a party's signature: the party's index, 0 to {@case.Parties.Count - 1}");
            return (null, null, null);
        }
        if (@case.Parties.All(p => p.Position != position))
        {
            errors.Add($"{at}.party", $"the case has no party {position}: 0 to {@case.Parties.Count - 1}");
            return (null, null, null);
        }
        return (AgreementSigners.PartyKey(position), mark, position);
    }

    private static SignatureMark? FixedMark(string? given, SignatureMark expected, string field, string why, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(given) || string.Equals(given.Trim(), RecordCodes.Camel(expected), StringComparison.OrdinalIgnoreCase)) return expected;
        errors.Add(field, $"'{given}': {why}, so the mark is {RecordCodes.Camel(expected)}");
        return null;
    }
}
