using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// The two date functions the reports need inside SQL, translated per provider. SQLite stores a DateTimeOffset as text
/// and EF refuses to compare or do arithmetic on it there, so every report compares whole numbers instead: seconds since
/// 1970 and local day numbers (days since 1970-01-01 in the report zone), computed by the database from the stored value.
/// </summary>
public static class ReportSql
{
    private const string ClientCall = "ReportSql functions run inside SQL only (LINQ to Entities).";

    // Every expression in EF's SQL tree needs a type mapping; these only name the store type of intermediate values.
    private static readonly StringTypeMapping SqliteText = new("TEXT", System.Data.DbType.String);
    private static readonly DateTimeTypeMapping PostgreSqlTimestamp = new("timestamp without time zone");
    private static readonly TimeSpanTypeMapping PostgreSqlInterval = new("interval");
    private static readonly DoubleTypeMapping PostgreSqlDouble = new("double precision");
    private static readonly StringTypeMapping SqlServerMoment = new("datetimeoffset", System.Data.DbType.String);
    private static readonly StringTypeMapping SqlServerDate = new("date", System.Data.DbType.String);

    /// <summary>Whole seconds since 1970-01-01 UTC.</summary>
    public static long? EpochSeconds(DateTimeOffset? at) => throw new InvalidOperationException(ClientCall);

    /// <summary>The day number (days since 1970-01-01) of a date.</summary>
    public static long? DayNumber(DateOnly? date) => throw new InvalidOperationException(ClientCall);

    /// <summary>
    /// The day number (days since 1970-01-01) of the local date of <paramref name="at"/> (UTC shifted by
    /// <paramref name="offsetSeconds"/>) plus <paramref name="months"/> calendar months, clamped to the month's last day as
    /// .NET's AddMonths does (31 January + 1 month = 28 February), plus <paramref name="days"/> days.
    /// </summary>
    public static long DueDay(DateTimeOffset at, int offsetSeconds, int months, int days) => throw new InvalidOperationException(ClientCall);

    public static ModelBuilder AddReportFunctionsForSqlite(this ModelBuilder builder)
    {
        var integer = new LongTypeMapping("INTEGER");
        builder.HasDbFunction(Method(nameof(EpochSeconds))).HasTranslation(a => Function("unixepoch", [a[0]], integer));
        // A DateOnly is stored as 'yyyy-MM-dd', which unixepoch reads as that day's UTC midnight.
        builder.HasDbFunction(Method(nameof(DayNumber))).HasTranslation(a => Divide(Function("unixepoch", [a[0]], integer), integer));
        // unixepoch(at, '28800 seconds', 'start of day', '1 months', 'floor', '0 days') / 86400; 'floor' (SQLite 3.46)
        // clamps an overflowing month end instead of rolling into the next month.
        builder.HasDbFunction(Method(nameof(DueDay))).HasTranslation(a => Divide(Function("unixepoch",
            [a[0], Concat(a[1], " seconds"), Fragment("'start of day'"), Concat(a[2], " months"), Fragment("'floor'"), Concat(a[3], " days")],
            integer), integer));
        return builder;
    }

    public static ModelBuilder AddReportFunctionsForPostgreSql(this ModelBuilder builder)
    {
        var bigint = new LongTypeMapping("bigint");
        builder.HasDbFunction(Method(nameof(EpochSeconds))).HasTranslation(a => Seconds(a[0], bigint));
        builder.HasDbFunction(Method(nameof(DayNumber))).HasTranslation(a => new SqlUnaryExpression(ExpressionType.Convert,
            new SqlBinaryExpression(ExpressionType.Subtract, a[0], Fragment("DATE '1970-01-01'"), typeof(int), new IntTypeMapping("integer")),
            typeof(long), bigint));
        // Local midnight as a timestamp without zone, plus months then days (PostgreSQL clamps month ends like .NET).
        builder.HasDbFunction(Method(nameof(DueDay))).HasTranslation(a =>
        {
            var local = Add(Function("timezone", [Fragment("'UTC'"), a[0]], PostgreSqlTimestamp),
                Function("make_interval", [Fragment("0"), Fragment("0"), Fragment("0"), Fragment("0"), Fragment("0"), Fragment("0"), a[1]], PostgreSqlInterval));
            var due = Add(Function("date_trunc", [Fragment("'day'"), local], PostgreSqlTimestamp),
                Function("make_interval", [Fragment("0"), a[2], Fragment("0"), a[3]], PostgreSqlInterval));
            return Divide(Seconds(due, bigint), bigint);
        });
        return builder;
    }

    /// <summary>Not run against a server here (none is available in these environments): written from the T-SQL reference.</summary>
    public static ModelBuilder AddReportFunctionsForSqlServer(this ModelBuilder builder)
    {
        var bigint = new LongTypeMapping("bigint");
        builder.HasDbFunction(Method(nameof(EpochSeconds))).HasTranslation(a =>
            Function("DATEDIFF_BIG", [Fragment("second"), Fragment("'1970-01-01T00:00:00+00:00'"), a[0]], bigint));
        builder.HasDbFunction(Method(nameof(DayNumber))).HasTranslation(a =>
            Function("DATEDIFF_BIG", [Fragment("day"), Fragment("'1970-01-01'"), a[0]], bigint));
        builder.HasDbFunction(Method(nameof(DueDay))).HasTranslation(a =>
        {
            // The wall-clock date of the instant shifted to the report zone; DATEADD(month) on a date clamps like AddMonths.
            var shifted = Function("DATEADD", [Fragment("second"), a[1], Function("SWITCHOFFSET", [a[0], Fragment("'+00:00'")], SqlServerMoment)], SqlServerMoment);
            var localDate = Function("CONVERT", [Fragment("date"), shifted], SqlServerDate);
            var due = Function("DATEADD", [Fragment("day"), a[3], Function("DATEADD", [Fragment("month"), a[2], localDate], SqlServerDate)], SqlServerDate);
            return Function("DATEDIFF_BIG", [Fragment("day"), Fragment("'1970-01-01'"), due], bigint);
        });
        return builder;
    }

    private static System.Reflection.MethodInfo Method(string name) => typeof(ReportSql).GetMethod(name)!;

    private static SqlFunctionExpression Function(string name, SqlExpression[] arguments, RelationalTypeMapping mapping)
        => new(name, arguments, nullable: true, argumentsPropagateNullability: arguments.Select(_ => true).ToArray(), mapping.ClrType, mapping);

    private static SqlFragmentExpression Fragment(string sql) => new(sql);

    private static SqlBinaryExpression Concat(SqlExpression value, string suffix)
        => new(ExpressionType.Add, value, Fragment($"'{suffix}'"), typeof(string), SqliteText);

    private static SqlBinaryExpression Add(SqlExpression left, SqlExpression right) => new(ExpressionType.Add, left, right, typeof(DateTime), PostgreSqlTimestamp);

    private static SqlBinaryExpression Divide(SqlExpression seconds, RelationalTypeMapping mapping)
        => new(ExpressionType.Divide, seconds, Fragment("86400"), typeof(long), mapping);

    /// <summary>PostgreSQL: whole seconds since 1970 of a timestamp (with zone: the instant; without: read as UTC).</summary>
    private static SqlUnaryExpression Seconds(SqlExpression at, RelationalTypeMapping bigint)
        => new(ExpressionType.Convert, Function("floor", [Function("date_part", [Fragment("'epoch'"), at], PostgreSqlDouble)], PostgreSqlDouble), typeof(long), bigint);
}
