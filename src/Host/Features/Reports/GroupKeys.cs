using System.Linq.Expressions;
using Mediation.Host.Features.Cases;

namespace Mediation.Host.Features.Reports;

/// <summary>The group key of a case for each grouping, as an expression the database evaluates.</summary>
public static class GroupKeys
{
    /// <summary>The key of a case at the report's area itself rather than under one of its units.</summary>
    public const string AreaItself = "";

    /// <param name="day">The day the grouping by month reads: registration or closure.</param>
    public static Expression<Func<CaseFacts, string?>> For(ReportGrouping grouping, ReportScope scope, ReportPeriod period,
        Expression<Func<CaseFacts, long?>> day) => For(grouping, scope, period, f => f, day);

    /// <summary>The key of a record (an agreement, a visit) by its case, or by its own day for the grouping by month.</summary>
    public static Expression<Func<T, string?>> For<T>(ReportGrouping grouping, ReportScope scope, ReportPeriod period,
        Expression<Func<T, CaseFacts>> @case, Expression<Func<T, long?>> day)
    {
        if (grouping == ReportGrouping.Month) return Month(period, day);
        var key = ByCase(grouping, scope);
        var body = new Substitute(key.Parameters[0], @case.Body).Visit(key.Body);
        return Expression.Lambda<Func<T, string?>>(body, @case.Parameters);
    }

    private static Expression<Func<CaseFacts, string?>> ByCase(ReportGrouping grouping, ReportScope scope) => grouping switch
    {
        ReportGrouping.Category => f => f.Category,
        ReportGrouping.Channel => f => f.Channel,
        ReportGrouping.RiskLevel => f => f.RiskLevel,
        ReportGrouping.Source => f => f.Source == CaseSource.Application ? "application" : f.Source == CaseSource.Proactive ? "proactive" : "referral",
        ReportGrouping.Area => Area(scope.Prefix.Length),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    /// <summary>The code after the area's own path: <c>/XT/XT-ZCZ/XT-ZCZ-XHC/XT-ZCZ-XHC-1Z/</c> under <c>/XT/XT-ZCZ/</c> is <c>XT-ZCZ-XHC</c>.</summary>
    private static Expression<Func<CaseFacts, string?>> Area(int prefixLength)
        => f => f.AreaPath.Length == prefixLength ? AreaItself
            : f.AreaPath.Substring(prefixLength, f.AreaPath.Substring(prefixLength).IndexOf("/"));

    /// <summary>A CASE of the period's months by their first and last day numbers (constants in the SQL); null outside the period.</summary>
    private static Expression<Func<T, string?>> Month<T>(ReportPeriod period, Expression<Func<T, long?>> day)
    {
        var buckets = period.MonthBuckets();
        Expression key = Expression.Constant(null, typeof(string));
        foreach (var (name, _, last) in buckets.Reverse())
        {
            key = Expression.Condition(Expression.LessThanOrEqual(day.Body, Expression.Constant(last, typeof(long?))),
                Expression.Constant(name, typeof(string)), key);
        }
        key = Expression.Condition(Expression.LessThan(day.Body, Expression.Constant(buckets[0].FirstDay, typeof(long?))),
            Expression.Constant(null, typeof(string)), key);
        return Expression.Lambda<Func<T, string?>>(key, day.Parameters);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
