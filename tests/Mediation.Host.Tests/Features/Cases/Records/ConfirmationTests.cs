using System.Net;
using System.Net.Http.Json;
using static Mediation.Host.Tests.Features.Cases.Records.RecordsKit;

namespace Mediation.Host.Tests.Features.Cases.Records;

public abstract class ConfirmationTests(MediationAppFactory app)
{
    private static object Application(string appliedOn, string? operationId = null, bool joint = true)
        => new { operationId, appliedOn, court = "仙桃市人民法院（示例）", jointApplication = joint };

    /// <summary>
    /// In effect 2026-04-01: day 30 is 1 May, inside the May Day holiday (1–5 May 2026), so the window rolls to Wednesday
    /// 6 May and is open all of that day (CPL 85), exactly as <c>legalDays</c> counts it.
    /// </summary>
    [Theory]
    [InlineData("2026-05-06", true)]
    [InlineData("2026-05-07", false)]
    [InlineData("2026-05-01", true)]
    public async Task Apply_IsInTimeUntilTheEndOfTheWindowRolledPastTheMayDayHoliday(string appliedOn, bool inTime)
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        await admin.EffectiveAgreementAsync(number, "2026-04-01T10:00:00+08:00");

        var response = await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation", Application(appliedOn));

        if (inTime)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = await response.JsonAsync();
            Assert.Equal(new DateTimeOffset(2026, 5, 6, 23, 59, 59, 999, TimeSpan.FromHours(8)), created.GetProperty("windowEndsAt").GetDateTimeOffset());
            Assert.False(created.GetProperty("windowProvisional").GetBoolean());
            Assert.Equal("applied", created.GetProperty("status").GetString());
        }
        else
        {
            Assert.Equal(["appliedOn"], await response.ErrorFieldsAsync());
            Assert.Contains("after the 30-day window, which ended 2026-05-06T23:59:59.999+08:00", await response.ErrorAsync("appliedOn"));
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/cases/{number}/confirmation")).StatusCode);
        }
    }

    [Fact]
    public async Task Apply_IsRefused_ForAnOralAgreement_IdentityRelations_TitleConfirmation_NoAgreement_OrASingleParty()
    {
        var admin = await app.LoginAsync();
        var oral = await admin.NewCaseAsync(flow: PlainFlow);
        (await admin.PutAsJsonAsync($"/api/cases/{oral}/agreement", OralAgreement())).EnsureSuccessStatusCode();
        var family = await admin.NewCaseAsync(category: "marriageFamily");
        await admin.EffectiveAgreementAsync(family, agreement: WrittenAgreement(identityRelation: true));
        var title = await admin.NewCaseAsync();
        await admin.EffectiveAgreementAsync(title, agreement: WrittenAgreement(titleConfirmation: true));
        var none = await admin.NewCaseAsync();
        var alone = await admin.NewCaseAsync();
        await admin.EffectiveAgreementAsync(alone);

        async Task<HttpResponseMessage> Apply(string number, bool joint = true)
            => await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation", Application("2026-04-10", joint: joint));

        var refusedOral = await Apply(oral);
        var refusedFamily = await Apply(family);
        var refusedTitle = await Apply(title);
        var refusedNone = await Apply(none);
        var refusedAlone = await Apply(alone, joint: false);

        Assert.Equal(["agreement.form"], await refusedOral.ErrorFieldsAsync());
        Assert.Contains("oral agreement cannot be judicially confirmed", await refusedOral.ErrorAsync("agreement.form"));
        Assert.Equal(["agreement.identityRelation"], await refusedFamily.ErrorFieldsAsync());
        Assert.Contains("marriageFamily", await refusedFamily.ErrorAsync("agreement.identityRelation"));
        Assert.Equal(["agreement.titleConfirmation"], await refusedTitle.ErrorFieldsAsync());
        Assert.Equal(["agreement"], await refusedNone.ErrorFieldsAsync());
        Assert.Equal(["jointApplication"], await refusedAlone.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Result_SendsCourtConfirmationDecided_SoTheProcessPlansTheFollowUpAtPerformanceDue_AndARulingIsFinal()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        await admin.EffectiveAgreementAsync(number);
        var operationId = Guid.NewGuid().ToString();
        var url = $"/api/cases/{number}/confirmation";

        var applied = await admin.PostAsJsonAsync(url, Application("2026-04-08", operationId));
        var appliedAgain = await admin.PostAsJsonAsync(url, Application("2026-04-08", operationId));
        var secondApplication = await admin.PostAsJsonAsync(url, Application("2026-04-09"));
        var accepted = await admin.PostAsJsonAsync($"{url}/result", new { result = "accepted", decidedOn = "2026-04-09" });
        var waitingAfterAcceptance = (await admin.InstanceAsync(number)).GetProperty("waiting").EnumerateArray().Select(w => w.GetString()!).Order().ToList();
        var confirmed = await admin.PostAsJsonAsync($"{url}/result", new { result = "confirmed", decidedOn = "2026-04-20", rulingNumber = "(2026)鄂9004民特12号" });
        var confirmedAgain = await admin.PostAsJsonAsync($"{url}/result", new { result = "confirmed", decidedOn = "2026-04-20", rulingNumber = "(2026)鄂9004民特12号" });
        var rejectedAfter = await admin.PostAsJsonAsync($"{url}/result", new { result = "rejected", decidedOn = "2026-04-21", rulingNumber = "x", reason = "y" });

        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, appliedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondApplication.StatusCode);
        Assert.Equal("accepted", (await accepted.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(["Gw_Decision"], waitingAfterAcceptance);   // an acceptance is not a ruling: no message yet
        var decided = await confirmed.JsonAsync();
        Assert.Equal("confirmed", decided.GetProperty("status").GetString());
        Assert.Equal("correlated", decided.GetProperty("messageOutcome").GetString());
        Assert.Equal("2026-04-09", decided.GetProperty("acceptedOn").GetString());
        Assert.Equal(HttpStatusCode.OK, confirmedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rejectedAfter.StatusCode);

        var instance = await admin.InstanceAsync(number);
        Assert.Equal(["Task_FollowUpVisit"], instance.GetProperty("waiting").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("confirmed", instance.GetProperty("variables").GetProperty("confirmationResult").GetString());
        Assert.Equal("2026-04-30T23:59:59.999+08:00", instance.GetProperty("variables").GetProperty("followUpDue").GetString());
        var followUp = Assert.Single((await (await admin.GetAsync($"/api/cases/{number}/followups")).JsonAsync()).EnumerateArray());
        Assert.Equal("process", followUp.GetProperty("source").GetString());
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 23, 59, 59, 999, TimeSpan.FromHours(8)), followUp.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Result_ListsWhatARulingNeeds_AndRefusesADecisionBeforeTheApplication()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        await admin.EffectiveAgreementAsync(number);
        var noApplication = await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation/result", new { result = "accepted", decidedOn = "2026-04-09" });
        (await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation", Application("2026-04-08"))).EnsureSuccessStatusCode();

        var rejected = await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation/result", new { result = "rejected", decidedOn = "2026-04-07" });
        var applied = await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation/result", new { result = "applied", decidedOn = "2099-01-01" });

        Assert.Equal(HttpStatusCode.Conflict, noApplication.StatusCode);
        Assert.Equal(["decidedOn", "reason", "rulingNumber"], await rejected.ErrorFieldsAsync());
        Assert.Contains("before the application (2026-04-08)", await rejected.ErrorAsync("decidedOn"));
        Assert.Equal(["decidedOn", "result"], await applied.ErrorFieldsAsync());
        Assert.Equal("applied", (await (await admin.GetAsync($"/api/cases/{number}/confirmation")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Result_KeepsTheMessageForTheSweep_WhenTheProcessIsNotWaitingForIt()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync(flow: PlainFlow);
        await admin.EffectiveAgreementAsync(number);
        (await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation", Application("2026-04-08"))).EnsureSuccessStatusCode();

        var rejected = await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation/result",
            new { result = "rejected", decidedOn = "2026-04-20", rulingNumber = "(2026)鄂9004民特13号", reason = "协议内容不明确" });

        var view = await rejected.JsonAsync();
        Assert.Equal("rejected", view.GetProperty("status").GetString());
        Assert.Equal("noSubscription", view.GetProperty("messageOutcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("messageDeliveredAt").ValueKind);
    }
}

public sealed class ConfirmationTestsOnSqlite(SqliteAppFactory app) : ConfirmationTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ConfirmationTestsOnPostgreSql(PostgreSqlAppFactory app) : ConfirmationTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
