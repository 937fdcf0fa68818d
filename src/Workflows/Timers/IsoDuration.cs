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
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups[7].Success
            ? decimal.Parse(match.Groups[7].Value.Replace(',', '.'), CultureInfo.InvariantCulture)
            : 0m;
        duration = new IsoDuration(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), seconds);
        return true;
    }

    public static IsoDuration Parse(string text) => TryParse(text, out var d) ? d
        : throw new FormatException($"'{text}' is not an ISO 8601 duration (e.g. P15D, PT2H).");

    /// <summary>Adds the duration to a moment, calendar parts first, in the moment's own offset.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start
        .AddYears(Years).AddMonths(Months).AddDays(Weeks * 7 + Days)
        .AddHours(Hours).AddMinutes(Minutes).AddTicks((long)(Seconds * TimeSpan.TicksPerSecond));
}
