using Mediation.Host.Features.Organisation;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Features.Organisation;

/// <summary>The resolver on the sample tree every test Host seeds: the rural shape (郑场镇, 毛嘴镇) and the urban one (干河街道).</summary>
public abstract class CandidateGroupResolverTests(MediationAppFactory app)
{
    private async Task<List<string>> PeopleAsync(string group, string area)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (resolution, problem) = await scope.ServiceProvider.GetRequiredService<CandidateGroupResolver>()
            .ResolveAsync(group, area, TestContext.Current.CancellationToken);
        Assert.Equal(ResolveProblem.None, problem);
        return resolution!.People.Select(p => p.UserName).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData("XT-ZCZ-XHC-1Z-001", "li.village")]        // household → its village's committee
    [InlineData("XT-ZCZ-XHC", "li.village")]               // the village itself
    [InlineData("XT-GHJD-XYSQ-HY-3D-ZXH", "liu.community")] // lead household → its community's committee
    public async Task VillageMediators_AreTheCommitteeOfTheCasesVillageOrCommunity(string area, string expected)
        => Assert.Equal([expected], await PeopleAsync(CandidateGroup.VillageMediators, area));

    [Fact]
    public async Task VillageMediators_AreNobody_WhenTheVillageCommitteeHasNoMembers_NotTheNextVillageOrTown()
        => Assert.Empty(await PeopleAsync(CandidateGroup.VillageMediators, "XT-MZZ-LJC-3Z-001"));

    [Fact]
    public async Task VillageMediators_AreNobody_ForAGroupInAnotherVillage()
        => Assert.Empty(await PeopleAsync(CandidateGroup.VillageMediators, "XT-ZCZ-GJC-1Z"));

    [Theory]
    [InlineData(CandidateGroup.TownMediators, "XT-ZCZ-XHC-1Z-002", "wang.town")]
    [InlineData(CandidateGroup.TownMediators, "XT-MZZ-LJC-3Z-001", "wang.town")]
    [InlineData(CandidateGroup.TownMediators, "XT-GHJD-XYSQ-HY-3D", "xu.street")]
    [InlineData(CandidateGroup.JudicialOffice, "XT-ZCZ-GJC-1Z", "zhao.judicial")]
    [InlineData(CandidateGroup.PoliceStation, "XT-ZCZ-XHC", "chen.police")]
    public async Task TownOffices_AreThoseOfTheCasesTownOrSubdistrict(string group, string area, string expected)
        => Assert.Equal([expected], await PeopleAsync(group, area));

    [Theory]
    [InlineData(CandidateGroup.JudicialOffice, "XT-MZZ-LJC")]    // 毛嘴镇's judicial office has nobody in the sample
    [InlineData(CandidateGroup.PoliceStation, "XT-GHJD-XYSQ")]   // neither has 干河's police station
    public async Task TownOffices_DoNotBorrowAnotherTownsPeople(string group, string area)
        => Assert.Empty(await PeopleAsync(group, area));

    [Theory]
    [InlineData("XT-ZCZ-XHC-1Z-001", "lin.tribunal")]     // 郑场镇 has a people's tribunal
    [InlineData("XT-MZZ-LJC-3Z-001", "sun.court")]        // 毛嘴镇 has none: the county court
    [InlineData("XT-GHJD-XYSQ-HY-3D-ZXH", "sun.court")]
    public async Task Court_IsTheNearestTribunalOrCourtAbove(string area, string expected)
        => Assert.Equal([expected], await PeopleAsync(CandidateGroup.Court, area));

    [Fact]
    public async Task Supervisors_ComeFromEveryLevelAbove()
    {
        var town = "S" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        await using var scope = app.Services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        var (added, _) = await scope.ServiceProvider.GetRequiredService<OrgTree>().AddAsync(new NewOrgUnit($"XT-{town}", "测试镇", "Town", "XT"), ct);
        Assert.NotNull(added);
        await app.CreateUserAsync($"{town}.sup", MediationAppFactory.SamplePassword);
        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<OrgMembers>().AddAsync($"XT-{town}", $"{town}.sup", CandidateGroup.Supervisors, ct);
        Assert.Equal(MembershipOutcome.Added, outcome);

        Assert.Equal([$"{town}.sup", "zhou.supervisor"], await PeopleAsync(CandidateGroup.Supervisors, $"XT-{town}"));
        Assert.Equal(["zhou.supervisor"], await PeopleAsync(CandidateGroup.Supervisors, "XT-ZCZ-XHC-1Z-001"));
    }

    [Theory]
    [InlineData(CandidateGroup.GridMembers, "XT-ZCZ-XHC-1Z-001", "wu.grid")]   // the group's own grid member
    [InlineData(CandidateGroup.Intake, "XT-GHJD-XYSQ-HY", "qian.intake")]      // none nearer: the county's centre
    public async Task GridMembersAndIntake_AreTheNearestOnesAbove(string group, string area, string expected)
        => Assert.Equal([expected], await PeopleAsync(group, area));

    [Fact]
    public async Task Resolve_ReportsTheProblem_WhenGroupOrAreaIsUnknown()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var resolver = scope.ServiceProvider.GetRequiredService<CandidateGroupResolver>();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(ResolveProblem.UnknownGroup, (await resolver.ResolveAsync("mediators", "XT", ct)).Problem);
        Assert.Equal(ResolveProblem.UnknownArea, (await resolver.ResolveAsync(CandidateGroup.Court, "XT-NOWHERE", ct)).Problem);
    }
}

public sealed class CandidateGroupResolverTestsOnSqlite(SqliteAppFactory app) : CandidateGroupResolverTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CandidateGroupResolverTestsOnPostgreSql(PostgreSqlAppFactory app) : CandidateGroupResolverTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
