using System.Globalization;

namespace Mediation.Workflows.Timers;

/// <summary>ISO 8601 date-times as a mediation office means them: without an offset, in the configured zone, never the server's.</summary>
public static class ZonedTime
{
    public static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local)) return false;
        if (local.Kind == DateTimeKind.Unspecified)
        {
            value = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            return true;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)) return false;
        value = withOffset.ToUniversalTime();
        return true;
    }
}
