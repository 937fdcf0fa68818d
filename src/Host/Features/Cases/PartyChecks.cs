using System.Globalization;
using System.Text.RegularExpressions;

namespace Mediation.Host.Features.Cases;

/// <summary>The checks on a party's identity number (GB 11643) and phone number.</summary>
public static partial class PartyChecks
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public sealed record IdFacts(DateOnly BirthDate, Sex Sex);

    /// <summary>
    /// Reads a 居民身份证 number: 17 digits and a check character (ISO 7064 MOD 11-2, X for ten), the birth date in
    /// digits 7–14 and the sex in digit 17 (odd: male). Returns what it says, or why it is not a valid number.
    /// </summary>
    public static (IdFacts? Facts, string? Problem) ReadIdNumber(string number, DateOnly today)
    {
        if (number.Length == 15) return (null, "a 15-digit first-generation number is no longer valid; give the 18-character number");
        if (!IdPattern().IsMatch(number)) return (null, "an ID number is 17 digits followed by a digit or X (18 characters)");
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (number[i] - '0') * Weights[i];
        var expected = CheckCharacters[sum % 11];
        if (char.ToUpperInvariant(number[17]) != expected)
            return (null, $"the check character is '{number[17]}' but the first 17 digits require '{expected}' (GB 11643, ISO 7064 MOD 11-2)");
        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            return (null, $"'{number[6..14]}' in the ID number is not a date of birth");
        if (BirthDateProblem(birth, today) is { } problem) return (null, $"the ID number's date of birth {birth:yyyy-MM-dd} {problem}");
        return (new IdFacts(birth, (number[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female), null);
    }

    /// <summary>Null when a birth date is possible for a living party; otherwise what is wrong with it.</summary>
    public static string? BirthDateProblem(DateOnly birth, DateOnly today)
        => birth > today ? "lies in the future"
            : birth < new DateOnly(1900, 1, 1) ? "is before 1900"
            : null;

    /// <summary>Full years from <paramref name="birth"/> to <paramref name="today"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>A mainland mobile (1[3-9] and 9 digits) or landline (0, area code, number, an optional dash after the area code).</summary>
    public static bool IsPhone(string phone) => MobilePattern().IsMatch(phone) || LandlinePattern().IsMatch(phone);

    [GeneratedRegex("^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobilePattern();

    // 010 and 02x are three digits with the 0, the others four (0728 Xiantao); local numbers are 7 or 8 digits.
    [GeneratedRegex("^0(10|2[0-9]|[3-9][0-9]{2})-?[1-9][0-9]{6,7}$")]
    private static partial Regex LandlinePattern();
}
