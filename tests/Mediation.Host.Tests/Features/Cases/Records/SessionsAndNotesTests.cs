using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Cases.Records;

public abstract class SessionsAndNotesTests(MediationAppFactory app)
{
    private static object Session(string heldAt, string? operationId = null, string result = "adjourned") => new
    {
        operationId, heldAt, place = "新河村调解室", form = "joint", leadMediator = "李调解（示例）", mediators = new[] { "王调解（示例）" },
        invitedParticipants = new[] { new { name = "陈警官（示例）", capacity = "police" }, new { name = "赵组长（示例）", capacity = "gridMember" } },
        partiesConsentToInvited = true, partiesInformed = true, minutes = "双方陈述了各自意见……", result,
    };

    [Fact]
    public async Task Record_StoresTheSessionWithItsParticipants_AndListsSessionsInTheOrderHeld()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();

        var later = await admin.PostAsJsonAsync($"/api/cases/{number}/sessions", Session("2026-03-05T09:30:00+08:00", result: "agreed"));
        var earlier = await admin.PostAsJsonAsync($"/api/cases/{number}/sessions", Session("2026-03-02T14:00"));

        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        var created = await later.JsonAsync();
        Assert.Equal($"/api/cases/{number}/sessions/{created.GetProperty("id").GetGuid()}", later.Headers.Location?.OriginalString);
        Assert.Equal(["王调解（示例）"], created.GetProperty("mediators").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["police", "gridMember"], created.GetProperty("invitedParticipants").EnumerateArray().Select(p => p.GetProperty("capacity").GetString()));
        Assert.Equal("admin", created.GetProperty("recordedBy").GetString());
        var list = await (await admin.GetAsync($"/api/cases/{number}/sessions")).JsonAsync();
        Assert.Equal(["adjourned", "agreed"], list.EnumerateArray().Select(s => s.GetProperty("result").GetString()));
        // A local time is read in the engine's zone (Asia/Shanghai).
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), list[0].GetProperty("heldAt").GetDateTimeOffset());
        var one = await (await admin.GetAsync($"/api/cases/{number}/sessions/{(await earlier.JsonAsync()).GetProperty("id").GetGuid()}")).JsonAsync();
        Assert.Equal("joint", one.GetProperty("form").GetString());
    }

    [Fact]
    public async Task Record_ListsEveryProblemByField_AndStoresNothing_WhenTheSessionIsIncomplete()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();

        var response = await admin.PostAsJsonAsync($"/api/cases/{number}/sessions", new
        {
            heldAt = "2099-01-01T09:00:00+08:00", form = "telepathic", mediators = new[] { " " },
            invitedParticipants = new[] { new { name = "陈警官（示例）", capacity = "sheriff" } }, minutes = "",
        });

        Assert.Equal(["form", "heldAt", "invitedParticipants[0].capacity", "leadMediator", "mediators[0]", "minutes", "partiesConsentToInvited",
            "partiesInformed", "place", "result"], await response.ErrorFieldsAsync());
        Assert.Contains("in the future", await response.ErrorAsync("heldAt"));
        Assert.Contains("PML 20", await response.ErrorAsync("partiesConsentToInvited"));
        Assert.Empty((await (await admin.GetAsync($"/api/cases/{number}/sessions")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Record_AnswersWithTheFirstSession_WhenTheSameOperationIdComesAgainOrTwiceAtOnce()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var operationId = Guid.NewGuid().ToString();
        var url = $"/api/cases/{number}/sessions";

        var both = await Task.WhenAll(admin.PostAsJsonAsync(url, Session("2026-03-02T09:00:00+08:00", operationId)),
            admin.PostAsJsonAsync(url, Session("2026-03-02T09:00:00+08:00", operationId)));
        var again = await admin.PostAsJsonAsync(url, Session("2026-03-02T09:00:00+08:00", operationId));
        var reusedForNote = await admin.PostAsJsonAsync($"/api/cases/{number}/notes", new { text = "x", operationId });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], both.Select(r => r.StatusCode).Order());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var ids = new[] { both[0], both[1], again }.Select(r => r.JsonAsync().Result.GetProperty("id").GetGuid()).Distinct();
        Assert.Single(ids);
        Assert.Single((await (await admin.GetAsync(url)).JsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, reusedForNote.StatusCode);
    }

    [Fact]
    public async Task Notes_AreAppendOnly_ListedInOrderWithAuthor_AndValidated()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var grid = await app.AsAsync("wu.grid");
        var url = $"/api/cases/{number}/notes";

        var first = await admin.PostAsJsonAsync(url, new { text = "已电话联系双方" });
        var second = await grid.PostAsJsonAsync(url, new { text = "网格员回访：双方情绪平稳" });
        var empty = await admin.PostAsJsonAsync(url, new { text = "  " });
        var tooLong = await admin.PostAsJsonAsync(url, new { text = new string('长', 4001) });
        var delete = await admin.DeleteAsync(url);
        var put = await admin.PutAsJsonAsync(url, new { text = "改写" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(["text"], await empty.ErrorFieldsAsync());
        Assert.Contains("at most 4000", await tooLong.ErrorAsync("text"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        var notes = await (await admin.GetAsync(url)).JsonAsync();
        Assert.Equal(["admin", "wu.grid"], notes.EnumerateArray().Select(n => n.GetProperty("writtenBy").GetString()));
        Assert.Equal("已电话联系双方", notes[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Notes_AnswerTheFirstNote_WhenTheSameOperationIdComesAgain()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var operationId = Guid.NewGuid().ToString();

        var first = await admin.PostAsJsonAsync($"/api/cases/{number}/notes", new { text = "一次", operationId });
        var again = await admin.PostAsJsonAsync($"/api/cases/{number}/notes", new { text = "一次", operationId });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await again.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Single((await (await admin.GetAsync($"/api/cases/{number}/notes")).JsonAsync()).EnumerateArray());
    }
}

public sealed class SessionsAndNotesTestsOnSqlite(SqliteAppFactory app) : SessionsAndNotesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SessionsAndNotesTestsOnPostgreSql(PostgreSqlAppFactory app) : SessionsAndNotesTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
