using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Host.Tests.Features.Cases;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Tasks;

/// <summary>
/// A task of a case (its instance has an <c>areaCode</c>) is offered to a candidate group's members only where they hold
/// the group in a unit serving the area: in the list, the inbox page, claim and complete alike. A task of an instance
/// without <c>areaCode</c> goes to every member of the group, as before.
/// </summary>
public abstract class TaskVisibilityTests(MediationAppFactory app)
{
    [Fact]
    public async Task VillageMediatorsTask_ReachesOnlyTheCasesOwnVillage_InListInboxClaimAndComplete()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var gao = await app.AsAsync(await app.MemberAsync("XT-ZCZ-GJC-TWH", "villageMediators", "gao"));
        var li = await app.AsAsync("li.village");
        var xhc = await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-XHC-1Z-002"));
        var gjc = await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-GJC"));
        var xhcTask = TaskId(xhc);
        var gjcTask = TaskId(gjc);

        var liTasks = await TaskIdsAsync(li);
        var gaoTasks = await TaskIdsAsync(gao);
        var liInbox = await li.GetStringAsync("/inbox");

        Assert.Contains(xhcTask, liTasks);
        Assert.DoesNotContain(gjcTask, liTasks);
        Assert.Contains(gjcTask, gaoTasks);
        Assert.DoesNotContain(xhcTask, gaoTasks);
        Assert.Contains(Number(xhc), liInbox);
        Assert.DoesNotContain(Number(gjc), liInbox);
        Assert.Equal(HttpStatusCode.NotFound, (await li.PostAsJsonAsync($"/api/tasks/{gjcTask}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await li.PostAsJsonAsync($"/api/tasks/{gjcTask}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await li.PostAsJsonAsync($"/api/tasks/{xhcTask}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gao.PostAsJsonAsync($"/api/tasks/{gjcTask}/complete", new { })).StatusCode);
    }

    [Fact]
    public async Task TaskOfACase_IsOfferedToNoVillageMediator_WhenTheVillageHasNone_ButTheAdministratorSeesIt()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var ljcTask = TaskId(await admin.RegisterAsync(Intake(areaCode: "XT-MZZ-LJC-3Z")));

        Assert.DoesNotContain(ljcTask, await TaskIdsAsync(await app.AsAsync("li.village")));
        Assert.DoesNotContain(ljcTask, await TaskIdsAsync(await app.AsAsync("liu.community")));
        Assert.Contains(ljcTask, await TaskIdsAsync(admin));
    }

    [Fact]
    public async Task TaskWithoutAreaCode_ReachesEveryMemberOfItsGroup_AsBefore()
    {
        var admin = await app.LoginAsync();
        var (_, instance) = await admin.DeployAndStartAsync("XT-UNSCOPED-" + Guid.NewGuid().ToString("n")[..6]);
        var task = await admin.OpenTaskIdAsync(instance, "Task_First");
        var gao = await app.AsAsync(await app.MemberAsync("XT-ZCZ-GJC-TWH", "villageMediators", "gao"));

        Assert.Contains(task, await TaskIdsAsync(await app.AsAsync("li.village")));
        Assert.Contains(task, await TaskIdsAsync(await app.AsAsync("liu.community")));
        Assert.Contains(task, await TaskIdsAsync(gao));
    }

    [Fact]
    public async Task TaskWithAnUnknownAreaCode_IsOfferedToNobodyByGroup()
    {
        var admin = await app.LoginAsync();
        var key = "P" + Guid.NewGuid().ToString("n")[..12];
        (await admin.PostXmlAsync("/api/definitions", TestBpmn.TwoTasks(key))).EnsureSuccessStatusCode();
        var started = await (await admin.PostAsJsonAsync("/api/instances",
            new { definitionKey = key, businessKey = "XT-NOWHERE-1", variables = new { areaCode = "XT-NOWHERE" } })).JsonAsync();
        var task = await admin.OpenTaskIdAsync(started.GetProperty("id").GetGuid(), "Task_First");

        Assert.DoesNotContain(task, await TaskIdsAsync(await app.AsAsync("li.village")));
        Assert.DoesNotContain(task, await TaskIdsAsync(await app.AsAsync("zhou.supervisor")));
    }

    [Fact]
    public async Task TownAndPoliceTasks_ReachTheOfficesOfTheCasesTown_AndTheCountyHoldersOfTheGroup()
    {
        var admin = await app.LoginAsync();
        var key = "Joint" + Guid.NewGuid().ToString("n")[..8];
        (await admin.PostXmlAsync("/api/definitions", OneTask(key, "judicialOffice,policeStation,court"))).EnsureSuccessStatusCode();
        var zcz = TaskId(await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-GJC-1Z", definitionKey: key)));
        var mzz = TaskId(await admin.RegisterAsync(Intake(areaCode: "XT-MZZ-LJC", definitionKey: key)));

        foreach (var (user, sees) in new[] { ("zhao.judicial", new[] { zcz }), ("chen.police", [zcz]), ("lin.tribunal", [zcz]),
                     ("sun.court", [zcz, mzz]), ("zhou.supervisor", []), ("wang.town", []) })
        {
            var tasks = await TaskIdsAsync(await app.AsAsync(user));
            Assert.True(new[] { zcz, mzz }.Where(tasks.Contains).SequenceEqual(sees), $"{user} sees {tasks.Count(t => t == zcz || t == mzz)} of the two");
        }
    }

    private static Guid TaskId(JsonElement created) => created.GetProperty("newTasks")[0].GetProperty("id").GetGuid();

    private static string Number(JsonElement created) => created.GetProperty("caseNumber").GetString()!;

    private static async Task<List<Guid>> TaskIdsAsync(HttpClient client)
        => (await (await client.GetAsync("/api/tasks")).JsonAsync()).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
}

public sealed class TaskVisibilityTestsOnSqlite(SqliteAppFactory app) : TaskVisibilityTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TaskVisibilityTestsOnPostgreSql(PostgreSqlAppFactory app) : TaskVisibilityTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
