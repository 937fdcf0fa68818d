using System.Security.Claims;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// <c>PATCH /api/cases/{caseNumber}/parties/{index}</c>: completes a party's basic information, which intake may have left
/// open and the agreement needs (sex, birth date or age, ethnicity, ID number, phone, address). Fields left out keep their
/// value; the whole party is then checked as at intake (ID check character, birth date and sex agreeing with the ID number,
/// phone format) and the ID number must not be another party's. Name, role and consent are intake's and do not change here.
/// </summary>
public static class CompleteParty
{
    public sealed record Body(string? Sex, string? BirthDate, int? Age, string? Ethnicity, string? IdNumber, string? Phone, string? Address);

    public static async Task<Results<Ok<PartyView>, ValidationProblem, NotFound>> Handle(string caseNumber, int index, Body body,
        ClaimsPrincipal user, CaseRecordAccess cases, HostDbContext db, RecordClock clock, CancellationToken ct)
    {
        if (await cases.FindAsync(caseNumber, user, ct, withParties: true) is not { } @case) return TypedResults.NotFound();
        if (@case.Parties.FirstOrDefault(p => p.Position == index) is not { } party) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var checkedParty = PartyValidator.Check(Merge(party, body), index, clock.Today(), errors);
        if (checkedParty?.IdNumber is { } id && @case.Parties.FirstOrDefault(p => p.Position != index && p.IdNumber == id) is { } other)
            errors.Add($"parties[{index}].idNumber", $"the same ID number as parties[{other.Position}] ({other.Name}): one person is one party");
        if (checkedParty is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The party cannot be completed");

        (party.Sex, party.BirthDate, party.Age, party.Ethnicity, party.IdNumber, party.Phone, party.Address, party.Minor) =
            (checkedParty.Sex, checkedParty.BirthDate, checkedParty.Age, checkedParty.Ethnicity, checkedParty.IdNumber, checkedParty.Phone,
                checkedParty.Address, checkedParty.Minor);
        @case.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PartyView.Of(party));
    }

    /// <summary>
    /// The party as intake would have received it with the new values. A new ID number brings its own birth date and sex,
    /// and a new birth date replaces the age, so old values that the new ones supersede are not carried over to clash.
    /// </summary>
    private static PartyRequest Merge(Party p, Body b)
    {
        var newId = !string.IsNullOrWhiteSpace(b.IdNumber);
        var birth = b.BirthDate ?? (newId || b.Age is not null ? null : p.BirthDate?.ToString("yyyy-MM-dd"));
        var age = b.Age ?? (b.BirthDate is not null || newId ? null : p.Age);
        var sex = b.Sex ?? (newId ? null : p.Sex is { } s ? RecordCodes.Camel(s) : null);
        // The minor flag stands on its own only while nothing tells the age.
        bool? minor = birth is null && age is null && !newId && p.IdNumber is null ? p.Minor : null;
        return new PartyRequest(RecordCodes.Camel(p.Role), p.Name, sex, birth, age, b.Ethnicity ?? p.Ethnicity, newId ? b.IdNumber : p.IdNumber,
            b.Phone ?? p.Phone, b.Address ?? p.Address, minor, RecordCodes.Camel(p.Consent));
    }
}
