using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// The functions expressions and scripts may call (ARCHITECTURE §4): <c>now()</c>, <c>days(n)</c>, <c>hours(n)</c>,
/// <c>addDays(date, n)</c>, <c>workdays(n)</c>, <c>addWorkdays(date, n)</c>, <c>legalDays(date, n)</c>. Dates go in as
/// ISO strings (or JavaScript dates, or epoch milliseconds) and come out as ISO strings in the configured zone, so they
/// can be stored as variables and used as a timer's <c>timeDate</c> or <c>timeDuration</c> as they are. Bad arguments
/// throw a JavaScript TypeError, which a script may catch and which otherwise fails the expression.
/// </summary>
internal sealed class FunctionLibrary(Deadlines deadlines)
{
    // A bound on day counts: far beyond any real deadline, small enough that date arithmetic never overflows.
    private const int MaxDays = 36_600;

    public IReadOnlyList<string> Names { get; } = ["now", "days", "hours", "addDays", "legalDays", "workdays", "addWorkdays"];

    public bool Has(string name) => name is "now" or "days" or "hours" or "addDays" or "legalDays" or "workdays" or "addWorkdays";

    /// <param name="calendar">The evaluation's calendar, which records the years counted through without a holiday notice.</param>
    public JsValue Create(Engine engine, string name, DateTimeOffset now, CalendarReading calendar) => name switch
    {
        "now" => Function(engine, name, 0, _ => deadlines.Format(now)),
        "days" => Function(engine, name, 1, args => $"P{Amount(engine, args, name)}D"),
        "hours" => Function(engine, name, 1, args => $"PT{Amount(engine, args, name)}H"),
        "addDays" => Function(engine, name, 2, args => deadlines.Format(deadlines.AddDays(Date(engine, args, name), Days(engine, args, 1, name, allowNegative: true)))),
        "legalDays" => Function(engine, name, 2, args => deadlines.Format(deadlines.LegalPeriodEnd(calendar, Date(engine, args, name), Days(engine, args, 1, name)))),
        "workdays" => Function(engine, name, 1, args => deadlines.Format(deadlines.AddWorkdays(calendar, now, Days(engine, args, 0, name)))),
        "addWorkdays" => Function(engine, name, 2, args => deadlines.Format(deadlines.AddWorkdays(calendar, Date(engine, args, name), Days(engine, args, 1, name)))),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a library function"),
    };

    private static ClrFunction Function(Engine engine, string name, int length, Func<JsValue[], string> body) =>
        new(engine, name, (_, args) => new JsString(body(args)), length);

    private static string Amount(Engine engine, JsValue[] args, string function)
    {
        var amount = TypeConverter.ToNumber(Arg(args, 0));
        if (!double.IsFinite(amount) || amount < 0)
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"{function}(n) needs a number n >= 0, not {Arg(args, 0)}");
        }
        return amount.ToString("R", CultureInfo.InvariantCulture);
    }

    private static int Days(Engine engine, JsValue[] args, int index, string function, bool allowNegative = false)
    {
        var days = TypeConverter.ToNumber(Arg(args, index));
        if (!double.IsFinite(days) || days != Math.Floor(days) || Math.Abs(days) > MaxDays || days < 0 && !allowNegative)
        {
            var range = allowNegative ? $"-{MaxDays}..{MaxDays}" : $"0..{MaxDays}";
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"{function} needs a whole number of days in {range}, not {Arg(args, index)}");
        }
        return (int)days;
    }

    private DateTimeOffset Date(Engine engine, JsValue[] args, string function)
    {
        var value = Arg(args, 0);
        if (value is JsDate date && !double.IsNaN(date.DateValue)) return DateTimeOffset.FromUnixTimeMilliseconds((long)date.DateValue);
        if (value.IsNumber() && double.IsFinite(value.AsNumber())) return DateTimeOffset.FromUnixTimeMilliseconds((long)value.AsNumber());
        if (value.IsString())
        {
            try
            {
                return deadlines.Parse(value.AsString());
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"{function}: {e.Message}");
            }
        }
        throw new JavaScriptException(engine.Intrinsics.TypeError, $"{function} needs a date (an ISO 8601 string such as 2026-03-02T09:00:00+08:00), not {value}");
    }

    private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;
}
