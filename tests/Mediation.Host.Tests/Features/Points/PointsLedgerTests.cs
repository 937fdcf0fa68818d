using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.Host.Tests.Features.Points;

/// <summary>The append-only ledger: manual entries with an approver, reversal, redemption, per-case caps and the party guardrail.</summary>
public abstract class PointsLedgerTests(MediationAppFactory app)
{
    [Fact]
    public async Task ManualAward_CountsOnlyOnceAnotherConfirmerApprovesIt()
    {
        var (name, volunteer) = await VolunteerAsync();
        var mediator = await app.SampleAsync("li.village");
        var supervisor = await app.SampleAsync("zhou.supervisor");

        var entry = await ManualAsync(mediator, new { userName = name, amount = 3, reason = "协助回访 helped a follow-up visit" });
        var self = await mediator.PostAsJsonAsync($"/api/points/entries/{entry.GetProperty("id")}/confirm", new { });
        Assert.Equal((0, 3), ((await volunteer.MeAsync()).Int("balance"), (await volunteer.MeAsync()).Int("pending")));
        var confirmed = await (await supervisor.PostAsJsonAsync($"/api/points/entries/{entry.GetProperty("id")}/confirm", new { })).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal(("Pending", "li.village"), (entry.GetProperty("status").GetString(), entry.GetProperty("requestedBy").GetString()));
        Assert.Equal(("Confirmed", "zhou.supervisor"), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("approver").GetString()));
        Assert.Equal(3, (await volunteer.MeAsync()).Int("balance"));
    }

    [Fact]
    public async Task Reversal_AddsTheOppositeEntry_LeavesTheOriginal_AndHappensOnce()
    {
        var (name, volunteer) = await VolunteerAsync();
        var original = await AwardAsync(name, 4);
        var supervisor = await app.SampleAsync("zhou.supervisor");
        var mediator = await app.SampleAsync("li.village");

        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsJsonAsync($"/api/points/entries/{original.GetProperty("id")}/reverse", new { reason = "x" })).StatusCode);
        Assert.Equal("reason", (await (await supervisor.PostAsJsonAsync($"/api/points/entries/{original.GetProperty("id")}/reverse", new { })).ErrorsAsync())
            .EnumerateObject().Single().Name);
        var reversal = await supervisor.PostAsJsonAsync($"/api/points/entries/{original.GetProperty("id")}/reverse", new { reason = "记错了人 wrong person" });
        var again = await supervisor.PostAsJsonAsync($"/api/points/entries/{original.GetProperty("id")}/reverse", new { reason = "again" });

        Assert.Equal(HttpStatusCode.Created, reversal.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var me = await volunteer.MeAsync();
        var entries = await volunteer.EntriesAsync(me.Int("id"));
        Assert.Equal(0, me.Int("balance"));
        Assert.Equal(new[] { (-4, "Reversal"), (4, "Manual") }, entries.Select(e => (e.Int("amount"), e.GetProperty("source").GetString()!)));
        Assert.Equal(original.GetProperty("id").GetInt64(), entries[0].GetProperty("reversalOfId").GetInt64());
        Assert.Equal("Confirmed", entries[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Redemption_BeyondTheBalance_IsRefusedNamingPoints_AndWithinItSpends()
    {
        var (name, volunteer) = await VolunteerAsync();
        await AwardAsync(name, 3);
        var account = (await volunteer.MeAsync()).Int("id");

        var errors = await (await volunteer.PostAsJsonAsync($"/api/points/accounts/{account}/redemptions", new { points = 5, item = "看护儿童一小时 childminding" })).ErrorsAsync();
        var spent = await volunteer.PostAsJsonAsync($"/api/points/accounts/{account}/redemptions", new { points = 2, item = "肥皂 soap", operationId = "op-1" });
        var replay = await volunteer.PostAsJsonAsync($"/api/points/accounts/{account}/redemptions", new { points = 2, item = "肥皂 soap", operationId = "op-1" });
        var stranger = await (await app.UserAsync(PointsKit.Fresh("other"))).PostAsJsonAsync($"/api/points/accounts/{account}/redemptions", new { points = 1, item = "x" });

        Assert.Contains("balance is 3", errors.GetProperty("points")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, spent.StatusCode);
        Assert.Equal(1, (await spent.JsonAsync()).Int("balance"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(1, (await volunteer.MeAsync()).Int("balance"));
    }

    [Fact]
    public async Task Redemptions_RacingForOneBalance_CannotBothSpendIt()
    {
        var (name, volunteer) = await VolunteerAsync();
        await AwardAsync(name, 3);
        var account = (await volunteer.MeAsync()).Int("id");

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            volunteer.PostAsJsonAsync($"/api/points/accounts/{account}/redemptions", new { points = 2, item = "毛巾 towel" }))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest);
        Assert.Equal(1, (await volunteer.MeAsync()).Int("balance"));
    }

    [Fact]
    public async Task ManualEntry_ForAPartyOfTheCase_IsRefusedNamingTheField()
    {
        var admin = await app.LoginAsync();
        var (partyName, _) = await VolunteerAsync();
        var businessKey = "XT-PTS-" + PointsKit.Fresh("");
        await admin.StartCaseAsync(businessKey, new
        {
            parties = new object[] { new { name = "张三", userName = partyName }, new { name = "李家", household = "XT-ZCZ-XHC-1Z-002" } },
        });
        var mediator = await app.SampleAsync("li.village");

        var onCase = await (await mediator.PostAsJsonAsync("/api/points/entries", new { userName = partyName, amount = -2, reason = "拒绝调解", businessKey })).ErrorsAsync();
        var noCase = await (await mediator.PostAsJsonAsync("/api/points/entries", new { userName = partyName, amount = 2, reason = "达成协议" })).ErrorsAsync();
        var household = await (await mediator.PostAsJsonAsync("/api/points/entries", new { householdCode = "XT-ZCZ-XHC-1Z-002", amount = 2, reason = "x", businessKey })).ErrorsAsync();

        Assert.Contains("party", onCase.GetProperty("userName")[0].GetString());
        Assert.Contains(businessKey, noCase.GetProperty("userName")[0].GetString());
        Assert.Contains("party", household.GetProperty("householdCode")[0].GetString());
    }

    [Fact]
    public async Task ManualEntry_PastThePerCaseCap_OrWithBadFields_IsRefusedNamingThem()
    {
        var admin = await app.LoginAsync();
        var (name, _) = await VolunteerAsync();
        var businessKey = "XT-PTS-" + PointsKit.Fresh("");
        await admin.StartCaseAsync(businessKey);
        var mediator = await app.SampleAsync("li.village");

        await ManualAsync(mediator, new { userName = name, amount = 8, reason = "多次协助", businessKey });
        var capped = await (await mediator.PostAsJsonAsync("/api/points/entries", new { userName = name, amount = 3, reason = "再次协助", businessKey })).ErrorsAsync();
        var bad = await (await mediator.PostAsJsonAsync("/api/points/entries", new { userName = "nobody-" + name, amount = 0, reason = "", businessKey = "XT-NONE" })).ErrorsAsync();
        var unknown = await (await mediator.PostAsJsonAsync("/api/points/entries", new { userName = "nobody-" + name, amount = 1, reason = "x" })).ErrorsAsync();

        Assert.Contains("cap of 10", capped.GetProperty("amount")[0].GetString());
        Assert.Equal(["amount", "businessKey", "reason"], bad.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("no user", unknown.GetProperty("userName")[0].GetString());
    }

    [Fact]
    public async Task PendingEntry_IsRejectedWithANote_AndNeverCounts()
    {
        var (name, volunteer) = await VolunteerAsync();
        var entry = await ManualAsync(await app.SampleAsync("li.village"), new { userName = name, amount = 2, reason = "x" });
        var supervisor = await app.SampleAsync("zhou.supervisor");

        var noNote = await (await supervisor.PostAsJsonAsync($"/api/points/entries/{entry.GetProperty("id")}/reject", new { })).ErrorsAsync();
        var rejected = await (await supervisor.PostAsJsonAsync($"/api/points/entries/{entry.GetProperty("id")}/reject", new { note = "无证据 no evidence" })).JsonAsync();

        Assert.True(noNote.TryGetProperty("note", out _));
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal((0, 0), ((await volunteer.MeAsync()).Int("balance"), (await volunteer.MeAsync()).Int("pending")));
    }

    private async Task<(string Name, HttpClient Client)> VolunteerAsync()
    {
        var name = PointsKit.Fresh("vol");
        return (name, await app.UserAsync(name));
    }

    private static async Task<JsonElement> ManualAsync(HttpClient requester, object body)
    {
        var response = await requester.PostAsJsonAsync("/api/points/entries", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>A confirmed manual award: asked for by a mediator, approved by the supervisor.</summary>
    private async Task<JsonElement> AwardAsync(string userName, int amount)
    {
        var entry = await ManualAsync(await app.SampleAsync("li.village"), new { userName, amount, reason = "志愿服务 volunteer service" });
        var confirmed = await (await app.SampleAsync("zhou.supervisor")).PostAsJsonAsync($"/api/points/entries/{entry.GetProperty("id")}/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await confirmed.JsonAsync();
    }
}

public sealed class PointsLedgerTestsOnSqlite(SqliteAppFactory app) : PointsLedgerTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PointsLedgerTestsOnPostgreSql(PostgreSqlAppFactory app) : PointsLedgerTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
