using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// <c>GET /api/reports/export?from=&amp;to=&amp;groupBy=&amp;area=</c>: the summary's groups and total as CSV, UTF-8 with a byte
/// order mark so Excel reads the Chinese headers, one row per group and a last row 合计.
/// </summary>
public static class ExportSummary
{
    private static readonly (string Header, Func<ReportMetrics, string> Value)[] Columns =
    [
        ("登记数", m => Count(m.Registered)), ("受理数", m => Count(m.Accepted)), ("不予受理", m => Count(m.NotAccepted)),
        ("办结数", m => Count(m.Closed)), ("调解成功数", m => Count(m.Successful)), ("调解成功率", m => Percent(m.SuccessRate)),
        ("成功数/受理数", m => Percent(m.AgreementRate)), ("按期办结数", m => Count(m.OnTime)), ("按期办结率", m => Percent(m.OnTimeRate)),
        ("超期未结", m => Count(m.OverdueOpen)), ("调解不成", m => Count(m.Failed)), ("撤回", m => Count(m.Withdrawn)),
        ("移送公安", m => Count(m.ReferredPolice)), ("退回法院", m => Count(m.ReturnedToCourt)),
        ("申请调解", m => Count(m.FromApplication)), ("主动调解", m => Count(m.FromProactive)), ("委托移送", m => Count(m.FromReferral)),
        ("群体性纠纷", m => Count(m.Collective)), ("群体性涉及人数", m => Count(m.CollectivePersons)),
        ("群体性未结", m => Count(m.CollectiveOpen)), ("群体性已化解", m => Count(m.CollectiveSettled)),
        ("协议数", m => Count(m.Agreements)), ("协议涉及金额（元）", m => m.AgreementAmount.ToString("0.00", CultureInfo.InvariantCulture)),
        ("应履行协议", m => Count(m.PerformanceDue)), ("按期履行", m => Count(m.PerformedOnTime)), ("协议履行率", m => Percent(m.PerformanceRate)),
        ("申请司法确认", m => Count(m.ConfirmationsApplied)), ("司法确认", m => Count(m.Confirmed)), ("确认驳回", m => Count(m.ConfirmationsRejected)),
        ("有金额书面协议", m => Count(m.WrittenWithAmount)), ("司法确认率", m => Percent(m.ConfirmationRate)),
        ("应回访", m => Count(m.FollowUpsDue)), ("已回访", m => Count(m.FollowUpsDone)), ("回访率", m => Percent(m.FollowUpRate)),
        ("满意度评价数", m => Count(m.SatisfactionRated)),
        ("平均满意度", m => m.SatisfactionAverage is { } a ? a.ToString("0.##", CultureInfo.InvariantCulture) : ""),
    ];

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Handle(string? from, string? to,
        string? groupBy, string? area, ClaimsPrincipal user, SummaryQuery query, ReportCalendar calendar, CancellationToken ct)
    {
        var run = await GetSummary.RunAsync(from, to, groupBy, area, user, query, calendar, ct);
        if (run.Summary is not { } summary) return run.Invalid is not null ? run.Invalid : run.Forbidden!;
        var name = $"report-{summary.Area ?? "all"}-{summary.From:yyyyMMdd}-{summary.To:yyyyMMdd}-{summary.GroupBy}.csv";
        return TypedResults.File(Csv(summary), "text/csv; charset=utf-8", name);
    }

    public static byte[] Csv(ReportSummary summary)
    {
        var text = new StringBuilder();
        Line(text, ["分组代码", "分组", .. Columns.Select(c => c.Header)]);
        foreach (var group in summary.Groups) Line(text, [group.Key, group.Label, .. Columns.Select(c => c.Value(group.Metrics))]);
        Line(text, ["", "合计", .. Columns.Select(c => c.Value(summary.Totals))]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells) => text.Append(string.Join(',', cells.Select(Escape))).Append("\r\n");

    /// <summary>RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled; a leading = + - @ is defused for spreadsheets.</summary>
    private static string Escape(string cell)
    {
        if (cell.Length > 0 && "=+-@".Contains(cell[0]) && !double.TryParse(cell.TrimEnd('%'), CultureInfo.InvariantCulture, out _)) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "";
}
