using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Tests.Timers;

public sealed class TimerExpressionTests
{
    [Theory]
    [InlineData(TimerType.Duration, "P15D")]
    [InlineData(TimerType.Duration, "PT2H")]
    [InlineData(TimerType.Date, "2026-03-02T09:00:00+08:00")]
    [InlineData(TimerType.Date, "2026-03-02T01:00:00Z")]
    [InlineData(TimerType.Cycle, "R3/P1D")]
    [InlineData(TimerType.Cycle, "R/PT1H")]
    [InlineData(TimerType.Cycle, "R2/2026-03-02T09:00:00+08:00/P1D")]
    [InlineData(TimerType.Cycle, "0 0 9 * * ?")]
    [InlineData(TimerType.Cycle, "0 9 * * 1-5")]
    [InlineData(TimerType.Duration, "${workdays(10)}")]
    [InlineData(TimerType.Date, "${addWorkdays(agreedAt, 15)}")]
    [InlineData(TimerType.Cycle, "#{reminderCycle}")]
    public void Check_AcceptsTimer_WhenValueReads(TimerType type, string value)
    {
        Assert.Null(TimerExpression.Check(new TimerSpec(type, value)));
    }

    [Theory]
    [InlineData(TimerType.Duration, "ten working days")]
    [InlineData(TimerType.Cycle, "ten working days")]
    [InlineData(TimerType.Date, "ten working days")]
    [InlineData(TimerType.Duration, "")]
    [InlineData(TimerType.Duration, "  ")]
    [InlineData(TimerType.Duration, "2026-03-02")]
    [InlineData(TimerType.Cycle, "R3/ten days")]
    [InlineData(TimerType.Cycle, "R3")]
    [InlineData(TimerType.Cycle, "every second working day of month")]   // six words are not a cron expression
    [InlineData(TimerType.Cycle, "remind the parties each week")]
    public void Check_ReportsProblem_WhenValueDoesNotRead(TimerType type, string value)
    {
        var problem = TimerExpression.Check(new TimerSpec(type, value));

        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Theory]
    [InlineData("${workdays(10)}", true)]
    [InlineData("#{days(3)}", true)]
    [InlineData("P10D", false)]
    [InlineData("$ {notAnExpression}", false)]
    public void IsExpression_DetectsExpressions_WhenTextHoldsDollarOrHashBrace(string text, bool expected)
    {
        Assert.Equal(expected, TimerExpression.IsExpression(text));
    }
}
