using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Tests.Timers;

public sealed class IsoDurationTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("P15D", 0, 0, 0, 15, 0, 0, 0)]
    [InlineData("PT2H", 0, 0, 0, 0, 2, 0, 0)]
    [InlineData("P1M", 0, 1, 0, 0, 0, 0, 0)]
    [InlineData("P2W", 0, 0, 2, 0, 0, 0, 0)]
    [InlineData("P1Y2M3DT4H5M6S", 1, 2, 0, 3, 4, 5, 6)]
    [InlineData("PT1.5S", 0, 0, 0, 0, 0, 0, 1.5)]
    [InlineData("PT0,5S", 0, 0, 0, 0, 0, 0, 0.5)]
    [InlineData("p10d", 0, 0, 0, 10, 0, 0, 0)]
    [InlineData(" P3D ", 0, 0, 0, 3, 0, 0, 0)]
    public void TryParse_ReadsEveryPart_WhenTextIsAnIsoDuration(string text, int years, int months, int weeks, int days,
        int hours, int minutes, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(new IsoDuration(years, months, weeks, days, hours, minutes, (decimal)seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("15D")]
    [InlineData("P-1D")]
    [InlineData("P1H")]
    [InlineData("ten working days")]
    [InlineData("P1D P2D")]
    public void TryParse_ReturnsFalse_WhenTextIsNotAnIsoDuration(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("P99999999999D")]
    [InlineData("P1Y99999999999M")]
    [InlineData("PT99999999999999999999999999999999S")]
    public void TryParse_ReturnsFalse_WhenANumberIsTooLarge(string text)
    {
        // A Try method must not throw: the validator calls it on whatever a file holds.
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Throws_WhenTextIsNotAnIsoDuration()
    {
        Assert.Throws<FormatException>(() => IsoDuration.Parse("ten working days"));
    }

    [Fact]
    public void AddTo_AddsFifteenDays_WhenDurationIsP15D()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Beijing);

        Assert.Equal(new DateTimeOffset(2026, 3, 17, 9, 0, 0, Beijing), IsoDuration.Parse("P15D").AddTo(start));
    }

    [Fact]
    public void AddTo_AddsTwoHours_WhenDurationIsPT2H()
    {
        var start = new DateTimeOffset(2026, 3, 2, 23, 30, 0, Beijing);

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 1, 30, 0, Beijing), IsoDuration.Parse("PT2H").AddTo(start));
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 28)]   // no 31 February: the month's last day, not 3 March
    [InlineData(2028, 1, 31, 2028, 2, 29)]   // leap year
    [InlineData(2026, 3, 15, 2026, 4, 15)]
    public void AddTo_KeepsCalendarMonth_WhenDurationIsP1M(int year, int month, int day, int toYear, int toMonth, int toDay)
    {
        var start = new DateTimeOffset(year, month, day, 9, 0, 0, Beijing);

        Assert.Equal(new DateTimeOffset(toYear, toMonth, toDay, 9, 0, 0, Beijing), IsoDuration.Parse("P1M").AddTo(start));
    }

    [Fact]
    public void AddTo_AddsMonthsBeforeDays_WhenDurationMixesMonthsAndDays()
    {
        var start = new DateTimeOffset(2026, 1, 30, 9, 0, 0, Beijing);

        // 30 Jan + 1 month = 28 Feb, + 1 day = 1 Mar; adding the day first would give 31 Jan + 1 month = 28 Feb.
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, Beijing), IsoDuration.Parse("P1M1D").AddTo(start));
    }

    [Fact]
    public void AddTo_KeepsTheStartsOffset_WhenStartIsNotUtc()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Beijing);

        Assert.Equal(Beijing, IsoDuration.Parse("P1D").AddTo(start).Offset);
    }
}
