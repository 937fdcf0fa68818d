using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Expressions;

public sealed class HolidayScheduleTests
{
    [Fact]
    public void ParseYear_ReadsEveryLine_WhenTheShippedScheduleIsGiven()
    {
        var entries = HolidaySchedule.ParseYear(2026, ChinaHolidaySchedules.Year2026, out var problems);

        Assert.Empty(problems);
        Assert.Equal(13, entries.Count);
        var spring = Assert.Single(entries, e => e.First == new DateOnly(2026, 2, 15));
        Assert.Equal((new DateOnly(2026, 2, 23), CalendarDay.PublicHoliday, "春节"), (spring.Last, spring.Kind, spring.Name));
    }

    [Theory]
    [InlineData("2027-02-30 off 春节", "'2027-02-30' is not a date (yyyy-MM-dd)")]
    [InlineData("2027/10/01 off 国庆节", "'2027/10/01' is not a date (yyyy-MM-dd)")]
    [InlineData("2027-10-01", "a line needs a date or a range")]
    [InlineData("2027-10-01 holiday 国庆节", "'holiday' is neither 'off' nor 'work'")]
    [InlineData("2027-10-07..2027-10-01 off 国庆节", "the range ends (2027-10-01) before it starts (2027-10-07)")]
    [InlineData("2028-01-01 off 元旦", "2028-01-01 is not in 2027")]
    [InlineData("2027-12-31..2028-01-02 off 元旦", "2028-01-02 is not in 2027")]
    [InlineData("2027-02-10 work 春节", "2027-02-10 is a Wednesday: a make-up working day ('work') falls on a Saturday or Sunday")]
    public void ParseYear_NamesTheLineAndTheProblem_WhenALineDoesNotRead(string line, string expected)
    {
        HolidaySchedule.ParseYear(2027, $"# 2027 notice\n2027-01-01 off 元旦\n{line}\n", out var problems);

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal(line, problem.Text);
        Assert.StartsWith(expected, problem.Message);
    }

    [Fact]
    public void ParseYear_ReportsEveryBadLine_WhenSeveralAreWrong()
    {
        HolidaySchedule.ParseYear(2027, "2027-10-01..2027-10-07 off 国庆节\r\n2027-13-01 off x\r\n2027-10-05 off 国庆节\r\n", out var problems);

        Assert.Equal([2, 3], problems.Select(p => p.Line));
        Assert.Equal("2027-10-05 is listed twice (also on line 1)", problems[1].Message);
        Assert.Equal("line 3 '2027-10-05 off 国庆节': 2027-10-05 is listed twice (also on line 1)", problems[1].ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing announced yet\n\n")]
    public void ParseYear_Refuses_WhenTheScheduleListsNoDays(string text)
    {
        HolidaySchedule.ParseYear(2027, text, out var problems);

        Assert.Equal("the schedule for 2027 lists no days", Assert.Single(problems).Message);
    }

    [Fact]
    public void ParseYear_Refuses_WhenTheTextIsLongerThanAScheduleCanBe()
    {
        HolidaySchedule.ParseYear(2027, "2027-01-01 off 元旦\n" + new string('#', HolidaySchedule.MaxLength), out var problems);

        Assert.Contains("at most 20,000 are accepted", Assert.Single(problems).Message);
    }
}
