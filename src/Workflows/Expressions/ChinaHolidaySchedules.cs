namespace Mediation.Workflows.Expressions;

/// <summary>
/// The State Council's holiday notices for mainland China, transcribed from /work/shared/CALENDAR.md (§1.3 and §2.3),
/// which quotes the Xinhua release of each notice as reprinted by Guangming Online and cross-checks every day against
/// NateScarlet/holiday-cn. Data only: <see cref="BusinessCalendar"/> reads it. Add each new year from its November
/// notice; never derive a year from the general principle (2026's Spring Festival already departs from it).
/// </summary>
public static class ChinaHolidaySchedules
{
    /// <summary>The shipped years, each with its schedule text. These cannot be replaced through configuration or the API.</summary>
    public static IReadOnlyDictionary<int, string> Years { get; } = new SortedDictionary<int, string>
    {
        [2025] = Year2025,
        [2026] = Year2026,
    };

    /// <summary>
    /// 国务院办公厅关于2025年部分节假日安排的通知 (dated 2024-11-12): 28 days off, 5 make-up working days.
    /// https://m.gmw.cn/2024-11/12/content_1303894933.htm ; gov.cn: https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
    /// </summary>
    public const string Year2025 = """
        2025-01-01 off 元旦
        2025-01-26 work 春节
        2025-01-28..2025-02-04 off 春节
        2025-02-08 work 春节
        2025-04-04..2025-04-06 off 清明节
        2025-04-27 work 劳动节
        2025-05-01..2025-05-05 off 劳动节
        2025-05-31..2025-06-02 off 端午节
        2025-09-28 work 国庆节、中秋节
        2025-10-01..2025-10-08 off 国庆节、中秋节
        2025-10-11 work 国庆节、中秋节
        """;

    /// <summary>
    /// 国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04): 33 days off, 6 make-up working days.
    /// https://politics.gmw.cn/2025-11/04/content_38391083.htm ; gov.cn: https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
    /// </summary>
    public const string Year2026 = """
        2026-01-01..2026-01-03 off 元旦
        2026-01-04 work 元旦
        2026-02-14 work 春节
        2026-02-15..2026-02-23 off 春节
        2026-02-28 work 春节
        2026-04-04..2026-04-06 off 清明节
        2026-05-01..2026-05-05 off 劳动节
        2026-05-09 work 劳动节
        2026-06-19..2026-06-21 off 端午节
        2026-09-20 work 国庆节
        2026-09-25..2026-09-27 off 中秋节
        2026-10-01..2026-10-07 off 国庆节
        2026-10-10 work 国庆节
        """;
}
