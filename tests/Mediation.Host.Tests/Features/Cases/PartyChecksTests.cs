using Mediation.Host.Features.Cases;

namespace Mediation.Host.Tests.Features.Cases;

public sealed class PartyChecksTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31", Sex.Female)]   // GB 11643-1999's own example
    [InlineData("11010519491231002x", "1949-12-31", Sex.Female)]
    [InlineData("429004198005011234", "1980-05-01", Sex.Male)]
    public void ReadIdNumber_ReadsBirthDateAndSex_WhenTheCheckCharacterIsRight(string number, string birth, Sex sex)
    {
        var (facts, problem) = PartyChecks.ReadIdNumber(number, Today);

        Assert.Null(problem);
        Assert.Equal(DateOnly.Parse(birth), facts!.BirthDate);
        Assert.Equal(sex, facts.Sex);
    }

    [Theory]
    [InlineData("110105194912310021", "check character")]         // X expected
    [InlineData("42900419800501123", "18 characters")]
    [InlineData("4290041980050112A3", "18 characters")]
    [InlineData("429004800501123", "15-digit")]
    [InlineData("429004198013011235", "not a date of birth")]      // month 13
    [InlineData("429004203001011234", "future")]
    [InlineData("429004188001011235", "before 1900")]
    public void ReadIdNumber_SaysWhatIsWrong_WhenTheNumberIsInvalid(string number, string expected)
    {
        var digits = number.Length == 18 && expected != "check character" && expected != "18 characters"
            ? CaseTestData.WithCheckCharacter(number[..17]) : number;

        var (facts, problem) = PartyChecks.ReadIdNumber(digits, Today);

        Assert.Null(facts);
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("13912345678", true)]
    [InlineData("19912345678", true)]
    [InlineData("12912345678", false)]
    [InlineData("1391234567", false)]
    [InlineData("0728-3312345", true)]
    [InlineData("07283312345", true)]
    [InlineData("010-12345678", true)]
    [InlineData("021-1234567", true)]
    [InlineData("0728-331", false)]
    [InlineData("728-3312345", false)]
    [InlineData("+8613912345678", false)]
    public void IsPhone_AcceptsMainlandMobilesAndLandlines(string phone, bool expected)
        => Assert.Equal(expected, PartyChecks.IsPhone(phone));
}
