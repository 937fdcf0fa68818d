using System.Globalization;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>Field checks shared by the record requests; each problem goes into <see cref="FieldErrors"/> under its field path.</summary>
internal static class RecordChecks
{
    /// <summary>How far ahead of the server's clock a "when it happened" time may be (a phone's clock running fast).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static string? Text(string? value, string field, int max, FieldErrors errors, string? required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required is not null) errors.Add(field, required);
            return null;
        }
        if (text.Length > max)
        {
            errors.Add(field, $"at most {max} characters, not {text.Length}");
            return null;
        }
        return text;
    }

    /// <summary>A camelCase code of <typeparamref name="T"/> (e.g. <c>partlyAgreed</c>).</summary>
    public static T? Code<T>(string? value, string field, FieldErrors errors, bool required) where T : struct, Enum
    {
        var allowed = string.Join(", ", Enum.GetValues<T>().Select(RecordCodes.Camel));
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, $"required: one of {allowed}");
            return null;
        }
        if (!int.TryParse(value, out _) && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) return parsed;
        errors.Add(field, $"'{value}' is not one of {allowed}");
        return null;
    }

    public static string? OneOf(string? value, string field, IReadOnlyCollection<string> allowed, FieldErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, $"required: one of {string.Join(", ", allowed)}");
            return null;
        }
        if (allowed.Contains(value.Trim())) return value.Trim();
        errors.Add(field, $"'{value}' is not one of {string.Join(", ", allowed)}");
        return null;
    }

    public static DateOnly? Date(string? value, string field, FieldErrors errors, string? required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required is not null) errors.Add(field, required);
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, $"'{value}' is not a date as yyyy-MM-dd");
        return null;
    }

    /// <summary>An ISO 8601 date-time (with an offset, or local to the engine's zone) that has already happened.</summary>
    public static DateTimeOffset? Past(string? value, string field, RecordClock clock, FieldErrors errors, string? required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required is not null) errors.Add(field, required);
            return null;
        }
        if (clock.ReadInstant(value) is not { } instant)
        {
            errors.Add(field, $"'{value}' is not an ISO 8601 date-time such as 2026-03-02T09:30:00+08:00");
            return null;
        }
        if (instant > clock.Now() + ClockSkew)
        {
            errors.Add(field, $"{clock.Format(instant)} is in the future: record what has happened");
            return null;
        }
        return instant;
    }

    /// <summary>A date that is not after today in the engine's zone.</summary>
    public static DateOnly? PastDate(string? value, string field, RecordClock clock, FieldErrors errors, string? required)
    {
        var date = Date(value, field, errors, required);
        if (date is { } d && d > clock.Today())
        {
            errors.Add(field, $"{d:yyyy-MM-dd} is after today ({clock.Today():yyyy-MM-dd})");
            return null;
        }
        return date;
    }

    public static string? OperationId(string? value, FieldErrors errors)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id)) return null;
        if (id.Length <= RecordLimits.OperationIdLength) return id;
        errors.Add("operationId", $"at most {RecordLimits.OperationIdLength} characters (a UUID is 36)");
        return null;
    }
}
