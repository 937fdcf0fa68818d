using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Expressions;

public sealed class BusinessCalendarTests
{
    private readonly BusinessCalendar calendar = new();

    [Theory]
    [InlineData(2025, 28, 5)]
    [InlineData(2026, 33, 6)]
    public void KindOf_MatchesTheNoticesCounts_WhenYearIsLoaded(int year, int daysOff, int makeUpDays)
    {
        var days = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Select(i => new DateOnly(year, 1, 1).AddDays(i)).ToList();

        Assert.Equal(daysOff, days.Count(d => calendar.KindOf(d) == CalendarDay.PublicHoliday));
        Assert.Equal(makeUpDays, days.Count(d => calendar.KindOf(d) == CalendarDay.MakeUpWorkingDay));
        // Every make-up working day is a Saturday or Sunday: a transcription slip would show here.
        Assert.All(days.Where(d => calendar.KindOf(d) == CalendarDay.MakeUpWorkingDay),
            d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} is a {d.DayOfWeek}"));
        Assert.True(calendar.Covers(year));
    }

    [Theory]
    [InlineData("2026-02-14", CalendarDay.MakeUpWorkingDay)]
    [InlineData("2026-02-15", CalendarDay.PublicHoliday)]
    [InlineData("2026-02-23", CalendarDay.PublicHoliday)]
    [InlineData("2026-02-24", CalendarDay.WorkingDay)]
    [InlineData("2026-02-21", CalendarDay.PublicHoliday)]
    [InlineData("2026-03-07", CalendarDay.Weekend)]
    [InlineData("2025-10-08", CalendarDay.PublicHoliday)]
    [InlineData("2025-10-11", CalendarDay.MakeUpWorkingDay)]
    [InlineData("2025-01-27", CalendarDay.WorkingDay)]
    public void KindOf_ClassifiesDay_WhenDayIsListedOrOrdinary(string date, CalendarDay expected)
    {
        Assert.Equal(expected, calendar.KindOf(DateOnly.Parse(date)));
    }

    [Fact]
    public void KindOf_CountsWeekendsOnly_WhenYearHasNoNotice()
    {
        Assert.False(calendar.Covers(2027));
        Assert.Equal(CalendarDay.WorkingDay, calendar.KindOf(new DateOnly(2027, 10, 1)));   // National Day, but no 2027 notice loaded
        Assert.Equal(CalendarDay.Weekend, calendar.KindOf(new DateOnly(2027, 10, 2)));
    }

    [Theory]
    [InlineData("2026-03-02", 1, "2026-03-03")]     // the start day is not counted
    [InlineData("2026-01-20", 30, "2026-02-24")]    // 2026-02-19 is in the Spring Festival (02-15..02-23)
    [InlineData("2025-09-01", 30, "2025-10-09")]    // 2025-10-01 is National Day (10-01..10-08)
    [InlineData("2025-09-11", 30, "2025-10-11")]    // ends on a make-up working Saturday: no roll
    [InlineData("2026-01-29", 30, "2026-02-28")]    // ends on a make-up working Saturday: no roll
    [InlineData("2026-03-06", 1, "2026-03-09")]     // ends on an ordinary Saturday: Monday
    [InlineData("2025-12-04", 30, "2026-01-04")]    // ends on New Year's Saturday: the next working day is the make-up Sunday
    [InlineData("2026-02-10", 10, "2026-02-24")]    // holidays inside are not deducted: 02-20 plus the roll
    public void LegalPeriodEnd_CountsCalendarDaysAndRolls_WhenLastDayIsARestDay(string start, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), calendar.LegalPeriodEnd(DateOnly.Parse(start), days));
    }

    [Theory]
    [InlineData("2026-02-13", 1, "2026-02-14")]     // Friday → the make-up working Saturday
    [InlineData("2026-02-13", 2, "2026-02-24")]     // then the whole Spring Festival is skipped
    [InlineData("2026-02-13", 6, "2026-02-28")]
    [InlineData("2026-02-15", 1, "2026-02-24")]     // counting from inside the holiday
    [InlineData("2026-03-06", 1, "2026-03-09")]
    [InlineData("2026-03-06", 0, "2026-03-06")]
    public void AddWorkingDays_SkipsRestDays_WhenCountingAcrossSpringFestival2026(string from, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), calendar.AddWorkingDays(DateOnly.Parse(from), days));
    }

    [Theory]
    [InlineData("2025-01-05", 23, "2025-02-05")]    // ends on 除夕 2025-01-28 (a Tuesday): rolls past the Spring Festival
    [InlineData("2024-12-27", 30, "2025-01-26")]    // ends on a make-up working Sunday: no roll
    [InlineData("2024-12-26", 30, "2025-01-26")]    // ends on the ordinary Saturday before it: rolls to that Sunday
    [InlineData("2025-05-01", 30, "2025-06-03")]    // ends on the Dragon Boat Saturday 2025-05-31 (05-31..06-02 off)
    [InlineData("2026-03-05", 30, "2026-04-07")]    // ends on the Qingming Saturday 2026-04-04 (04-04..04-06 off)
    [InlineData("2026-04-01", 30, "2026-05-06")]    // ends on Labour Day 2026-05-01 (05-01..05-05 off)
    [InlineData("2026-04-09", 30, "2026-05-09")]    // ends on the Labour Day make-up Saturday: no roll
    [InlineData("2026-08-21", 30, "2026-09-20")]    // ends on the National Day make-up Sunday: no roll
    [InlineData("2026-08-26", 30, "2026-09-28")]    // ends on the Mid-Autumn Friday 2026-09-25: past the weekend after it
    [InlineData("2026-09-01", 30, "2026-10-08")]    // ends on National Day 2026 (10-01..10-07 off)
    [InlineData("2026-11-26", 30, "2026-12-28")]    // ends on an ordinary Saturday at the end of the last known year
    public void LegalPeriodEnd_RollsPastEachRestDay_WhenPeriodEndsOnA2025Or2026Holiday(string start, int days, string expected)
    {
        var unscheduled = new SortedSet<int>();

        Assert.Equal(DateOnly.Parse(expected), calendar.LegalPeriodEnd(DateOnly.Parse(start), days, unscheduled));
        Assert.Empty(unscheduled);   // only the last day and the roll depend on the calendar, and they lie in known years
    }

    [Fact]
    public void LegalPeriodEnd_ReportsTheYear_WhenItsLastDayFallsInAYearWithoutNotice()
    {
        var unscheduled = new SortedSet<int>();

        var end = calendar.LegalPeriodEnd(new DateOnly(2026, 12, 2), 30, unscheduled);

        Assert.Equal(new DateOnly(2027, 1, 1), end);   // a Friday: a working day by weekends alone, though New Year's Day
        Assert.Equal([2027], unscheduled);
    }

    [Fact]
    public void AddWorkingDays_ReportsEveryYearWithoutNotice_WhenCountingThroughThem()
    {
        var unscheduled = new SortedSet<int>();

        Assert.Equal(new DateOnly(2027, 12, 31), calendar.AddWorkingDays(new DateOnly(2026, 12, 30), 262, unscheduled));
        Assert.Equal([2027], unscheduled);
        // 2026-12-31 and 2027's 261 weekdays make 262; the next is Monday 2028-01-03.
        Assert.Equal(new DateOnly(2028, 1, 3), calendar.AddWorkingDays(new DateOnly(2026, 12, 30), 263, unscheduled));
        Assert.Equal([2027, 2028], unscheduled);
    }

    [Fact]
    public void AddWorkingDays_ReportsNothing_WhenCountingStaysInKnownYears()
    {
        var unscheduled = new SortedSet<int>();

        Assert.Equal(new DateOnly(2026, 12, 31), calendar.AddWorkingDays(new DateOnly(2026, 12, 30), 1, unscheduled));
        Assert.Equal(new DateOnly(2027, 3, 1), calendar.AddWorkingDays(new DateOnly(2027, 3, 1), 0, unscheduled));   // no day looked at
        Assert.Empty(unscheduled);
    }

    [Fact]
    public void AddWorkingDays_SkipsTheNewYearsHoliday_WhenTheYearIsAddedLater()
    {
        var with2027 = new BusinessCalendar(ChinaHolidaySchedules.Year2025, ChinaHolidaySchedules.Year2026, "2027-01-01 off 元旦");
        var unscheduled = new SortedSet<int>();

        Assert.Equal(new DateOnly(2027, 1, 4), with2027.AddWorkingDays(new DateOnly(2026, 12, 31), 1, unscheduled));
        Assert.Empty(unscheduled);
        Assert.True(with2027.Covers(2027));
        Assert.Equal([2025, 2026, 2027], with2027.Years);
    }

    [Fact]
    public void Constructor_ReadsOtherSchedules_WhenGivenText()
    {
        var custom = new BusinessCalendar("2030-05-01..2030-05-03 off Labour Day\n# comment\n2030-05-05 work Labour Day");

        Assert.Equal(CalendarDay.PublicHoliday, custom.KindOf(new DateOnly(2030, 5, 2)));
        Assert.Equal(CalendarDay.MakeUpWorkingDay, custom.KindOf(new DateOnly(2030, 5, 5)));
        Assert.False(custom.Covers(2026));
    }

    [Fact]
    public void Constructor_Throws_WhenADayIsListedTwice()
    {
        Assert.Throws<FormatException>(() => new BusinessCalendar("2030-05-01 off A\n2030-05-01 work B"));
    }
}
