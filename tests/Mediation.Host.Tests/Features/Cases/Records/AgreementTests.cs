using System.Net;
using System.Net.Http.Json;
using Mediation.Host.Features.Cases.Records;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Host.Tests.Features.Cases.Records.RecordsKit;

namespace Mediation.Host.Tests.Features.Cases.Records;

public abstract class AgreementTests(MediationAppFactory app)
{
    [Fact]
    public async Task Save_ListsEveryMissingContentField_AndStoresNothing()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();

        var response = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", new { amount = -1m });

        Assert.Equal(["agreedContent", "agreementDate", "amount", "facts", "form", "issues", "mediator", "performanceDeadline", "performanceMethod",
            "performancePlace", "responsibilities"], await response.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/cases/{number}/agreement")).StatusCode);
    }

    [Fact]
    public async Task Save_RefusesADeadlineNotAfterTheAgreementsDate_WrongCopies_FenFractions_AndAFalseIdentityFlag()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var body = new
        {
            form = "written", agreementDate = "2026-04-01", facts = "f", issues = "i", responsibilities = "r", agreedContent = "c",
            performanceMethod = "m", performancePlace = "p", performanceDeadline = "2026-04-01", amount = 10.005m, copies = 2,
            identityRelation = true, mediator = "李调解（示例）",
        };

        var response = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", body);

        Assert.Equal(["amount", "copies", "identityRelation", "performanceDeadline"], await response.ErrorFieldsAsync());
        Assert.Contains("not after the agreement's date 2026-04-01", await response.ErrorAsync("performanceDeadline"));
        Assert.Contains("3 here", await response.ErrorAsync("copies"));
        Assert.Contains("this case is neighbour", await response.ErrorAsync("identityRelation"));
    }

    [Fact]
    public async Task Save_ReportsWhichPartyMissesWhat_UntilThePartyIsCompleted()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync(completeParties: false);   // the respondent has only age and phone

        var refused = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", WrittenAgreement());
        var badPatch = await admin.PatchAsJsonAsync($"/api/cases/{number}/parties/1", new { idNumber = "110105194912310021", phone = "12345" });
        var patched = await admin.PatchAsJsonAsync($"/api/cases/{number}/parties/1", new
        {
            idNumber = CaseTestData.IdNumber(new DateOnly(1974, 2, 3), 135), ethnicity = "回族", address = "新河村二组（示例）",
        });
        var saved = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", WrittenAgreement());

        Assert.Equal(["parties[1].address", "parties[1].ethnicity", "parties[1].idNumber", "parties[1].sex"], await refused.ErrorFieldsAsync());
        Assert.Contains("李四（示例） (respondent) has no ethnicity", await refused.ErrorAsync("parties[1].ethnicity"));
        Assert.Contains("PATCH /api/cases", await refused.ErrorAsync("parties[1].ethnicity"));
        Assert.Equal(["parties[1].idNumber", "parties[1].phone"], await badPatch.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var party = await patched.JsonAsync();
        Assert.Equal("male", party.GetProperty("sex").GetString());   // read off the new ID number
        Assert.Equal("1974-02-03", party.GetProperty("birthDate").GetString());
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var agreement = await saved.JsonAsync();
        Assert.Equal(3, agreement.GetProperty("copies").GetInt32());
        Assert.Equal("回族", agreement.GetProperty("parties")[1].GetProperty("ethnicity").GetString());
        Assert.Equal(["party:0", "party:1", "mediator", "committee"], agreement.GetProperty("missingSignatures").EnumerateArray().Select(s => s.GetString()));
        Assert.False(agreement.GetProperty("effective").GetBoolean());
    }

    [Fact]
    public async Task Sign_MakesAWrittenAgreementEffectiveAtTheLastSignature_AndCompletesTheSignTaskWithTheVariables()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var url = $"/api/cases/{number}/agreement";
        (await admin.PutAsJsonAsync(url, WrittenAgreement())).EnsureSuccessStatusCode();

        var parties = await admin.PostAsJsonAsync($"{url}/sign", new
        {
            signatures = new object[]
            {
                new { signer = "party", party = 0, mark = "signed", signedAt = "2026-04-01T10:00:00+08:00" },
                new { signer = "party", party = 1, mark = "fingerprinted", signedAt = "2026-04-02T09:00:00+08:00" },
            },
        });
        var redraft = await admin.PutAsJsonAsync(url, WrittenAgreement(amount: 99m));
        var rest = await admin.PostAsJsonAsync($"{url}/sign", new
        {
            signatures = new object[]
            {
                new { signer = "mediator", signedAt = "2026-04-02T15:00" },
                new { signer = "committee", mark = "sealed", signedAt = "2026-04-02T14:00:00+08:00" },
            },
        });
        var again = await admin.PostAsJsonAsync($"{url}/sign", AllSignatures("2026-04-03T10:00:00+08:00"));

        var afterParties = await parties.JsonAsync();
        Assert.False(afterParties.GetProperty("effective").GetBoolean());
        Assert.Equal(["mediator", "committee"], afterParties.GetProperty("missingSignatures").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, redraft.StatusCode);
        var effective = await rest.JsonAsync();
        Assert.True(effective.GetProperty("effective").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 15, 0, 0, TimeSpan.FromHours(8)), effective.GetProperty("effectiveAt").GetDateTimeOffset());
        Assert.Equal("taskCompleted", effective.GetProperty("process").GetProperty("update").GetString());
        Assert.Equal("李调解（示例）", effective.GetProperty("signatures").EnumerateArray().Single(s => s.GetProperty("signer").GetString() == "mediator")
            .GetProperty("name").GetString());
        // The same signers again change nothing: the first records stand.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(effective.GetProperty("effectiveAt").GetDateTimeOffset(), (await again.JsonAsync()).GetProperty("effectiveAt").GetDateTimeOffset());

        var instance = await admin.InstanceAsync(number);
        var variables = instance.GetProperty("variables");
        Assert.Equal("written", variables.GetProperty("agreementForm").GetString());
        Assert.Equal("2026-04-02T15:00:00+08:00", variables.GetProperty("agreementEffectiveAt").GetString());
        Assert.Equal("2026-04-30T23:59:59.999+08:00", variables.GetProperty("performanceDue").GetString());
        Assert.Equal(["Gw_Decision"], instance.GetProperty("waiting").EnumerateArray().Select(w => w.GetString()));   // past the sign task, at the court's decision
    }

    [Fact]
    public async Task Save_MakesAnOralAgreementEffectiveWhenAgreed_AndSetsTheVariables_WhenTheFlowHasNoSignTask()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync(flow: PlainFlow);

        var saved = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", OralAgreement("2026-04-01T15:00:00+08:00"));
        var retried = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", OralAgreement("2026-04-01T15:00:00+08:00"));
        var changed = await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", OralAgreement("2026-04-01T16:00:00+08:00"));
        var sign = await admin.PostAsJsonAsync($"/api/cases/{number}/agreement/sign", AllSignatures());

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var agreement = await saved.JsonAsync();
        Assert.True(agreement.GetProperty("effective").GetBoolean());
        Assert.Equal(JsonNull, agreement.GetProperty("copies").ValueKind);
        Assert.Empty(agreement.GetProperty("missingSignatures").EnumerateArray());
        Assert.Equal("variablesSet", agreement.GetProperty("process").GetProperty("update").GetString());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sign.StatusCode);
        var variables = (await admin.InstanceAsync(number)).GetProperty("variables");
        Assert.Equal("oral", variables.GetProperty("agreementForm").GetString());
        Assert.Equal("2026-04-01T15:00:00+08:00", variables.GetProperty("agreementEffectiveAt").GetString());
        Assert.Equal("2026-04-10T23:59:59.999+08:00", variables.GetProperty("performanceDue").GetString());
    }

    [Fact]
    public async Task Sign_ListsEachBadSignatureByIndex_AndRecordsNone()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        (await admin.PutAsJsonAsync($"/api/cases/{number}/agreement", WrittenAgreement(date: "2026-04-01"))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync($"/api/cases/{number}/agreement/sign", new
        {
            signatures = new object?[]
            {
                new { signer = "party", party = 5, mark = "signed" },
                new { signer = "committee", mark = "fingerprinted" },
                new { signer = "party", party = 0, mark = "signed", signedAt = "2026-03-31T23:00:00+08:00" },
                new { signer = "notary" },
                null,
            },
        });
        var noAgreement = await admin.PostAsJsonAsync($"/api/cases/{await admin.NewCaseAsync()}/agreement/sign", AllSignatures());

        Assert.Equal(["signatures[0].party", "signatures[1].mark", "signatures[2].signedAt", "signatures[3].signer", "signatures[4]"],
            await response.ErrorFieldsAsync());
        Assert.Empty((await (await admin.GetAsync($"/api/cases/{number}/agreement")).JsonAsync()).GetProperty("signatures").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, noAgreement.StatusCode);
    }

    [Fact]
    public async Task Sign_LeavesTheProcessUpdatePending_WhileTheInstanceIsSuspended_AndTheSweepDoesItLater()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var instanceId = (await admin.InstanceAsync(number)).GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/instances/{instanceId}/suspend", null)).EnsureSuccessStatusCode();

        var signed = await admin.EffectiveAgreementAsync(number);
        (await admin.PostAsync($"/api/instances/{instanceId}/resume", null)).EnsureSuccessStatusCode();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecordsSync>().SweepAsync(TestContext.Current.CancellationToken);
        }
        var after = await (await admin.GetAsync($"/api/cases/{number}/agreement")).JsonAsync();

        Assert.True(signed.GetProperty("effective").GetBoolean());
        Assert.Equal("pending", signed.GetProperty("process").GetProperty("update").GetString());
        Assert.Equal("taskCompleted", after.GetProperty("process").GetProperty("update").GetString());
        Assert.Equal("written", (await admin.InstanceAsync(number)).GetProperty("variables").GetProperty("agreementForm").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class AgreementTestsOnSqlite(SqliteAppFactory app) : AgreementTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AgreementTestsOnPostgreSql(PostgreSqlAppFactory app) : AgreementTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
