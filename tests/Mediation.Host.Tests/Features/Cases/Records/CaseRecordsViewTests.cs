using System.Net;
using System.Net.Http.Json;
using System.Text;
using static Mediation.Host.Tests.Features.Cases.Records.RecordsKit;

namespace Mediation.Host.Tests.Features.Cases.Records;

/// <summary>The case file checklist, the case's page with its records and timeline, and who may read and write records.</summary>
public abstract class CaseRecordsViewTests(MediationAppFactory app)
{
    [Fact]
    public async Task File_ListsTheChecklistWithWhatIsPresent_AndIsCompleteOnceTheRequiredItemsAre()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync(flow: PlainFlow);

        var fresh = await (await admin.GetAsync($"/api/cases/{number}/file")).JsonAsync();
        foreach (var kind in new[] { "rightsNotice", "identityDocument" })
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF")), "file", $"{kind}.pdf" }, { new StringContent(kind), "kind" } };
            (await admin.PostAsync($"/api/cases/{number}/attachments", form)).EnsureSuccessStatusCode();
        }
        (await admin.PostAsJsonAsync($"/api/cases/{number}/sessions", new
        {
            heldAt = "2026-04-01T09:00:00+08:00", place = "新河村调解室", form = "separate", leadMediator = "李调解（示例）",
            partiesInformed = true, minutes = "背对背调解", result = "agreed",
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", OralAgreement())).EnsureSuccessStatusCode();
        var complete = await (await admin.GetAsync($"/api/cases/{number}/file")).JsonAsync();

        Assert.Equal(12, fresh.GetProperty("items").GetArrayLength());
        Assert.False(fresh.GetProperty("complete").GetBoolean());
        Assert.Equal(["rightsNotice", "identityDocument", "sessionRecord", "agreement"], fresh.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        var application = fresh.GetProperty("items")[0];
        Assert.Equal("applicationForm", application.GetProperty("kind").GetString());
        Assert.True(application.GetProperty("present").GetBoolean());
        Assert.StartsWith($"registered as {number}", application.GetProperty("recordedAs").GetString());
        Assert.True(complete.GetProperty("complete").GetBoolean());
        var items = complete.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("kind").GetString()!);
        Assert.Equal(1, items["identityDocument"].GetProperty("attachments").GetInt32());
        Assert.Equal("1 session(s) recorded", items["sessionRecord"].GetProperty("recordedAs").GetString());
        Assert.Equal("oral agreement in effect", items["agreement"].GetProperty("recordedAs").GetString());
        Assert.False(items["followUpRecord"].GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task GetCase_ShowsTheRecordsWithLinks_AndATimelineOfRecordsAndJournalMergedByTime()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        (await admin.PostAsJsonAsync($"/api/cases/{number}/notes", new { text = "已电话联系双方" })).EnsureSuccessStatusCode();
        await admin.EffectiveAgreementAsync(number);

        var @case = await (await admin.GetAsync($"/api/cases/{number}")).JsonAsync();

        var records = @case.GetProperty("records");
        Assert.Equal(1, records.GetProperty("notes").GetProperty("count").GetInt32());
        Assert.Equal($"/api/cases/{number}/notes", records.GetProperty("notes").GetProperty("href").GetString());
        Assert.Equal("written", records.GetProperty("agreement").GetProperty("form").GetString());
        Assert.Equal($"/api/cases/{number}/file", records.GetProperty("file").GetString());
        var timeline = @case.GetProperty("timeline").EnumerateArray().ToList();
        var times = timeline.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        var kinds = timeline.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("CaseRegistered", kinds);
        Assert.Contains("NoteAdded", kinds);
        Assert.Contains("InstanceStarted", kinds);
        Assert.Contains("TaskCompleted", kinds);   // Task_SignAgreement, completed when the agreement took effect
        Assert.Equal(4, kinds.Count(k => k == "AgreementSigned"));
        Assert.Contains(timeline, e => e.GetProperty("source").GetString() == "journal" && e.GetProperty("kind").GetString() == "VariableChanged"
            && e.GetProperty("data").GetProperty("name").GetString() == "agreementEffectiveAt");
        // The signatures are dated 1 April, before the case was registered today: the timeline goes by when things happened.
        Assert.True(kinds.IndexOf("AgreementTookEffect") < kinds.IndexOf("CaseRegistered"));
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "" }, { "GET", "/sessions" }, { "POST", "/sessions" }, { "GET", "/notes" }, { "POST", "/notes" },
        { "GET", "/attachments" }, { "POST", "/attachments" }, { "GET", $"/attachments/{Guid.Empty}" }, { "GET", "/agreement" },
        { "PUT", "/agreement" }, { "POST", "/agreement/sign" }, { "GET", "/confirmation" }, { "POST", "/confirmation" },
        { "POST", "/confirmation/result" }, { "GET", "/followups" }, { "POST", "/followups" }, { "POST", $"/followups/{Guid.Empty}/visit" },
        { "GET", "/file" }, { "PATCH", "/parties/0" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRecordRoute_AnswersNotFound_ForACaseTheUserMayNotSee(string method, string path)
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();   // in 新河村, 郑场镇
        var elsewhere = await app.AsAsync("liu.community");   // a community mediator in 干河街道

        var response = await elsewhere.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/cases/{number}{path}")
        {
            Content = method == "GET" ? null : path == "/attachments" ? new MultipartFormDataContent() : JsonContent.Create(new { }),
        });
        var missing = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/cases/XT-1999-000001{path}")
        {
            Content = method == "GET" ? null : path == "/attachments" ? new MultipartFormDataContent() : JsonContent.Create(new { }),
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Writing_NeedsAWorkingRole_WhileReadingNeedsOnlyToSeeTheCase()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var li = await app.AsAsync("li.village");
        var grid = await app.AsAsync("wu.grid");

        var session = await grid.PostAsJsonAsync($"/api/cases/{number}/sessions", new { });
        var note = await grid.PostAsJsonAsync($"/api/cases/{number}/notes", new { text = "巡查发现双方又有争执" });
        var read = await li.GetAsync($"/api/cases/{number}/notes");

        Assert.Equal(HttpStatusCode.Forbidden, session.StatusCode);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Single((await read.JsonAsync()).EnumerateArray());
    }
}

public sealed class CaseRecordsViewTestsOnSqlite(SqliteAppFactory app) : CaseRecordsViewTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseRecordsViewTestsOnPostgreSql(PostgreSqlAppFactory app) : CaseRecordsViewTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
