using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases;

public abstract partial class RegisterCaseTests(MediationAppFactory app)
{
    [GeneratedRegex(@"^XT-\d{4}-\d{6}$")]
    private static partial Regex CaseNumberPattern();

    [Fact]
    public async Task Register_StoresTheCaseAndStartsJointMediation_WithTheContractsStartVariables()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var intake = await app.SampleUserAsync("qian.intake");

        var response = await intake.PostAsJsonAsync("/api/cases", Intake());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        var number = created.GetProperty("caseNumber").GetString()!;
        Assert.Matches(CaseNumberPattern(), number);
        Assert.Equal($"/api/cases/{number}", response.Headers.Location?.OriginalString);
        Assert.Equal("InProgress", created.GetProperty("status").GetString());
        Assert.Equal("Application", created.GetProperty("source").GetString());
        Assert.Equal("low", created.GetProperty("riskLevel").GetString());   // neighbour's default
        Assert.Equal("JointMediation", created.GetProperty("definitionKey").GetString());
        var task = Assert.Single(created.GetProperty("newTasks").EnumerateArray());
        Assert.Equal("Task_JointMediation", task.GetProperty("elementId").GetString());
        Assert.Equal(["applicant", "respondent"], created.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("role").GetString()));
        var applicant = created.GetProperty("parties")[0];
        Assert.Equal("1980-05-01", applicant.GetProperty("birthDate").GetString());   // read off the ID number
        Assert.False(applicant.GetProperty("minor").GetBoolean());

        var instanceId = created.GetProperty("processInstanceId").GetGuid();
        var instance = await (await admin.GetAsync($"/api/instances/{instanceId}")).JsonAsync();
        Assert.Equal(number, instance.GetProperty("businessKey").GetString());
        var variables = instance.GetProperty("variables");
        Assert.Equal(number, variables.GetProperty("caseNumber").GetString());
        Assert.Equal("walkIn", variables.GetProperty("channel").GetString());
        Assert.Equal("neighbour", variables.GetProperty("category").GetString());
        Assert.Equal("low", variables.GetProperty("riskLevel").GetString());
        Assert.Equal("XT-ZCZ-XHC-1Z", variables.GetProperty("areaCode").GetString());
        Assert.False(variables.GetProperty("courtDelegated").GetBoolean());
        Assert.False(variables.GetProperty("collective").GetBoolean());
        Assert.Equal(2, variables.GetProperty("partiesCount").GetInt32());
        Assert.Equal(["张三（示例）"], variables.GetProperty("applicants").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["李四（示例）"], variables.GetProperty("respondents").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("courtReferral", false, false, null, "CourtDelegatedMediation")]
    [InlineData("walkIn", true, false, null, "CourtDelegatedMediation")]
    [InlineData("policeReferral", false, true, null, "PoliceMediation")]
    [InlineData("policeReferral", false, false, null, "JointMediation")]
    [InlineData("gridScreening", false, true, null, "JointMediation")]
    [InlineData("courtReferral", false, false, "JointMediation", "JointMediation")]
    public async Task Register_RoutesToTheProcess_ByChannelCourtDelegationAndPublicOrder(string channel, bool courtDelegated,
        bool securityMatter, string? definitionKey, string expected)
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);

        var created = await admin.RegisterAsync(Intake(channel: channel, courtDelegated: courtDelegated, securityMatter: securityMatter,
            definitionKey: definitionKey));

        Assert.Equal(expected, created.GetProperty("definitionKey").GetString());
        Assert.Equal($"Task_{expected}", created.GetProperty("newTasks")[0].GetProperty("elementId").GetString());
        Assert.Equal(channel == "courtReferral" || courtDelegated, created.GetProperty("courtDelegated").GetBoolean());
    }

    [Fact]
    public async Task Register_ListsEveryProblemAtOnce_KeyedByFieldPath()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var badId = IdNumber(new DateOnly(1980, 5, 1))[..17] + "0";
        var body = new
        {
            channel = "pigeon", category = "quarrel", riskLevel = "extreme", areaCode = "XT-NOWHERE", facts = "",
            parties = new object[]
            {
                new { role = "applicant", name = "王五", idNumber = badId, phone = "12345", consent = "written" },
                new { role = "thirdParty", name = "", idNumber = "429004198002301234", phone = "0728-331", birthDate = "2999-01-01" },
            },
        };

        var response = await admin.PostAsJsonAsync("/api/cases", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        string[] expected =
        [
            "channel", "category", "riskLevel", "areaCode", "facts", "parties",
            "parties[0].idNumber", "parties[0].phone",
            "parties[1].name", "parties[1].consent", "parties[1].idNumber", "parties[1].phone", "parties[1].birthDate",
        ];
        Assert.Equal(expected.Order(), errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("check character", Message(errors, "parties[0].idNumber"));
        Assert.Contains("mobile", Message(errors, "parties[0].phone"));
        Assert.Contains("consent", Message(errors, "parties[1].consent"));
        Assert.Contains("respondent", string.Join(" ", errors.GetProperty("parties").EnumerateArray().Select(m => m.GetString())));
        Assert.Contains("XT-NOWHERE", Message(errors, "areaCode"));
    }

    [Fact]
    public async Task Register_RefusesAnImpossibleBirthDateInTheIdNumber_AndAnOfficeAsArea()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var feb30 = WithCheckCharacter("42900419800230123");

        var response = await admin.PostAsJsonAsync("/api/cases", Intake(areaCode: "XT-ZCZ-SFS", parties: [Applicant(idNumber: feb30), Respondent()]));

        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains("19800230", Message(errors, "parties[0].idNumber"));
        Assert.Contains("office", Message(errors, "areaCode"));
    }

    [Fact]
    public async Task Register_AnswersBadRequestNamingDefinitionKey_AndStoresNothing_WhenTheProcessIsNotDeployed()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var before = (await admin.RegisterAsync(Intake())).GetProperty("caseNumber").GetString()!;

        var refused = await admin.PostAsJsonAsync("/api/cases", Intake(definitionKey: "NoSuchProcess"));
        var after = (await admin.RegisterAsync(Intake())).GetProperty("caseNumber").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("NoSuchProcess", Message((await refused.JsonAsync()).GetProperty("errors"), "definitionKey"));
        Assert.Equal(int.Parse(before[^6..]) + 1, int.Parse(after[^6..]));   // no number was taken by the refused intake
    }

    [Fact]
    public async Task Register_IsForbidden_ToAGridMember()
    {
        var grid = await app.SampleUserAsync("wu.grid");

        var response = await grid.PostAsJsonAsync("/api/cases", Intake());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Register_RaisesTheRiskOfACollectiveLabourDispute_AndMarksAMinorByAge()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var minor = new { role = "thirdParty", name = "小明（示例）", birthDate = DateOnly.FromDateTime(DateTime.Today.AddYears(-10)).ToString("yyyy-MM-dd"), consent = "oral" };
        var body = new
        {
            channel = "hotline", category = "wageArrears", areaCode = "XT-ZCZ-XHC", facts = "工地拖欠工资（示例）", collective = true,
            personsInvolved = 12, parties = new[] { Applicant(), Respondent(), minor },
        };

        var refused = await admin.PostAsJsonAsync("/api/cases", body);
        var created = await admin.RegisterAsync(body with { channel = "phone" });

        Assert.Contains("channel", (await refused.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("high", created.GetProperty("riskLevel").GetString());
        Assert.True(created.GetProperty("parties")[2].GetProperty("minor").GetBoolean());
    }

    private static string Message(JsonElement errors, string field) => string.Join(" ", errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()));
}

public sealed class RegisterCaseTestsOnSqlite(SqliteAppFactory app) : RegisterCaseTests(app), IClassFixture<SqliteAppFactory>;

public sealed class RegisterCaseTestsOnPostgreSql(PostgreSqlAppFactory app) : RegisterCaseTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
