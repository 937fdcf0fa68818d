using System.Globalization;
using System.Text.RegularExpressions;

namespace Mediation.Workflows.Timers;

/// <summary>
/// An ISO 8601 duration such as <c>P15D</c>, <c>PT2H</c> or <c>P1M</c>. Months and years stay calendar units
/// ("one month" is not 30 days: DOMAIN §2.1), so a duration is added to a date rather than turned into a TimeSpan.
/// </summary>
public sealed partial record IsoDuration(int Years, int Months, int Weeks, int Days, int Hours, int Minutes, decimal Seconds)
{
    [GeneratedRegex(@"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = new IsoDuration(0, 0, 0, 0, 0, 0, 0);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64) return false;
        var match = Pattern().Match(text.Trim().ToUpperInvariant());
        if (!match.Success) return false;
        var parts = new int[7];
        for (var group = 1; group <= 6; group++)
        {
            if (match.Groups[group].Success
                && !int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out parts[group])) return false;
        }
        var seconds = 0m;
        if (match.Groups[7].Success
            && !decimal.TryParse(match.Groups[7].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds)) return false;
        duration = new IsoDuration(parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], seconds);
        return true;
    }

    public static IsoDuration Parse(string text) => TryParse(text, out var d) ? d
        : throw new FormatException($"'{text}' is not an ISO 8601 duration (e.g. P15D, PT2H).");

    /// <summary>Adds the duration to a moment, calendar parts first, in the moment's own offset.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start
        .AddYears(Years).AddMonths(Months).AddDays(Weeks * 7 + Days)
        .AddHours(Hours).AddMinutes(Minutes).AddTicks((long)(Seconds * TimeSpan.TicksPerSecond));
}
