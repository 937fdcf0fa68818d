using System.Globalization;

namespace Mediation.Host.Features.Cases;

/// <summary>Checks one party of an intake and builds its row; every problem is recorded under <c>parties[i].field</c>.</summary>
internal static class PartyValidator
{
    public static Party? Check(PartyRequest? request, int index, DateOnly today, FieldErrors errors)
    {
        var at = $"parties[{index}]";
        if (request is null)
        {
            errors.Add(at, "a party is required here, not null");
            return null;
        }
        var role = Parse<PartyRole>(request.Role, $"{at}.role", "applicant, respondent or thirdParty", errors,
            missing: "the party's role is required: applicant, respondent or thirdParty");
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add($"{at}.name", "the party's name is required");
        else if (name.Length > CaseLimits.NameLength) errors.Add($"{at}.name", $"a name has at most {CaseLimits.NameLength} characters");
        var sex = Parse<Sex>(request.Sex, $"{at}.sex", "male or female", errors, missing: null);
        var consent = Parse<ConsentForm>(request.Consent, $"{at}.consent", "written or oral", errors,
            missing: "the party's consent to mediation is not recorded: give written or oral (PML 17: no mediation without every party's consent)");

        var birth = BirthDate(request, at, today, errors);
        var fromId = IdNumber(request.IdNumber, at, today, errors);
        if (fromId is not null)
        {
            if (birth is { } stated && stated != fromId.BirthDate)
                errors.Add($"{at}.birthDate", $"{stated:yyyy-MM-dd} differs from the ID number's date of birth {fromId.BirthDate:yyyy-MM-dd}");
            if (sex is { } given && given != fromId.Sex)
                errors.Add($"{at}.sex", $"the ID number is a {fromId.Sex.ToString().ToLowerInvariant()}'s (its 17th digit)");
            birth ??= fromId.BirthDate;
            sex ??= fromId.Sex;
        }
        var age = Age(request.Age, birth, at, today, errors);
        var minor = age is { } years ? years < 18 : request.Minor ?? false;
        if (age is { } known && request.Minor is { } flagged && flagged != minor)
            errors.Add($"{at}.minor", $"the party is {known} years old, so minor is {(minor ? "true" : "false")}");

        var phone = Optional(request.Phone, $"{at}.phone", CaseLimits.PhoneLength, errors);
        if (phone is not null && !PartyChecks.IsPhone(phone))
            errors.Add($"{at}.phone", $"'{phone}' is neither a mainland mobile (11 digits from 13–19) nor a landline (0, area code, number, e.g. 0728-3312345)");
        var ethnicity = Optional(request.Ethnicity, $"{at}.ethnicity", CaseLimits.EthnicityLength, errors);
        var address = Optional(request.Address, $"{at}.address", CaseLimits.AddressLength, errors);
        return new Party
        {
            Position = index, Role = role ?? default, Name = name, Sex = sex, BirthDate = birth, Age = birth is null ? age : null,
            Ethnicity = ethnicity, IdNumber = request.IdNumber?.Trim().ToUpperInvariant() is { Length: > 0 } id ? id : null,
            Phone = phone, Address = address, Minor = minor, Consent = consent ?? default,
        };
    }

    private static DateOnly? BirthDate(PartyRequest request, string at, DateOnly today, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(request.BirthDate)) return null;
        if (!DateOnly.TryParseExact(request.BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            errors.Add($"{at}.birthDate", $"'{request.BirthDate}' is not a date as yyyy-MM-dd");
            return null;
        }
        if (PartyChecks.BirthDateProblem(birth, today) is { } problem)
        {
            errors.Add($"{at}.birthDate", $"{birth:yyyy-MM-dd} {problem}");
            return null;
        }
        return birth;
    }

    private static PartyChecks.IdFacts? IdNumber(string? value, string at, DateOnly today, FieldErrors errors)
    {
        var number = value?.Trim();
        if (string.IsNullOrEmpty(number)) return null;
        var (facts, problem) = PartyChecks.ReadIdNumber(number, today);
        if (problem is not null) errors.Add($"{at}.idNumber", problem);
        return facts;
    }

    /// <summary>The party's age in years: from the birth date when known (a stated age must agree), else as stated.</summary>
    private static int? Age(int? stated, DateOnly? birth, string at, DateOnly today, FieldErrors errors)
    {
        if (stated is < 0 or > 150)
        {
            errors.Add($"{at}.age", $"{stated} is not an age (0 to 150)");
            return birth is { } b ? PartyChecks.AgeOn(b, today) : null;
        }
        if (birth is not { } born) return stated;
        var age = PartyChecks.AgeOn(born, today);
        if (stated is { } s && s != age) errors.Add($"{at}.age", $"{s} differs from the age by the date of birth, {age}");
        return age;
    }

    /// <summary>A code of <typeparamref name="T"/>, camelCase or any case; <paramref name="missing"/> is the message when it is required and absent.</summary>
    private static T? Parse<T>(string? value, string field, string allowed, FieldErrors errors, string? missing) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (missing is not null) errors.Add(field, missing);
            return null;
        }
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        errors.Add(field, $"'{value}' is not one of {allowed}");
        return null;
    }

    private static string? Optional(string? value, string field, int max, FieldErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > max) errors.Add(field, $"at most {max} characters");
        return text;
    }
}
