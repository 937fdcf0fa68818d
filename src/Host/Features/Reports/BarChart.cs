using System.Globalization;

namespace Mediation.Host.Features.Reports;

/// <summary>One bar: the group's label, its length's value and the text written after it.</summary>
public sealed record Bar(string Label, double Value, string Text);

/// <summary>
/// A horizontal bar chart of one measure across the groups, laid out here and drawn as SVG by <c>_BarChart.cshtml</c>
/// (labels on the left fit Chinese names better than under vertical bars). Counts scale to the largest bar, shares to 100 %.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars, double Max)
{
    public const int Width = 520;
    public const int LabelWidth = 150;
    public const int TextWidth = 70;
    public const int RowHeight = 24;
    public const int BarHeight = 16;

    public int Height => Math.Max(1, Bars.Count) * RowHeight + 4;

    public static double BarArea => Width - LabelWidth - TextWidth;

    public double Length(Bar bar) => Max <= 0 ? 0 : Math.Round(bar.Value / Max * BarArea, 1);

    public static int Y(int index) => index * RowHeight + 2;

    /// <summary>The charts of the dashboard, each over the summary's groups.</summary>
    public static IReadOnlyList<BarChart> For(ReportSummary summary)
    {
        var groups = summary.Groups;
        BarChart Count(string id, string title, Func<ReportMetrics, int> value)
        {
            var bars = groups.Select(g => new Bar(g.Label, value(g.Metrics), value(g.Metrics).ToString(CultureInfo.InvariantCulture))).ToList();
            return new(id, title, bars, bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        }
        BarChart Share(string id, string title, Func<ReportMetrics, double?> value)
            => new(id, title, groups.Select(g => new Bar(g.Label, value(g.Metrics) ?? 0, Percent(value(g.Metrics)))).ToList(), 1);
        var amounts = groups.Select(g => new Bar(g.Label, (double)g.Metrics.AgreementAmount, Money(g.Metrics.AgreementAmount))).ToList();
        return
        [
            Count("accepted", "受理数", m => m.Accepted),
            Count("closed", "办结数", m => m.Closed),
            Count("successful", "调解成功数", m => m.Successful),
            Share("successRate", "调解成功率", m => m.SuccessRate),
            Share("onTimeRate", "按期办结率", m => m.OnTimeRate),
            Count("overdueOpen", "超期未结", m => m.OverdueOpen),
            Count("collective", "群体性纠纷", m => m.Collective),
            new("agreementAmount", "协议涉及金额（元）", amounts, amounts.Count == 0 ? 0 : amounts.Max(b => b.Value)),
            Share("performanceRate", "协议履行率", m => m.PerformanceRate),
            Count("confirmed", "司法确认", m => m.Confirmed),
            Share("followUpRate", "回访率", m => m.FollowUpRate),
        ];
    }

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Money(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
