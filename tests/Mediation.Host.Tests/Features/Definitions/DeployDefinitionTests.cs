using System.Net;

namespace Mediation.Host.Tests.Features.Definitions;

public abstract class DeployDefinitionTests(MediationAppFactory app)
{
    [Fact]
    public async Task Deploy_ReturnsKeyVersionAndId_WhenBpmnIsValid()
    {
        var client = await app.LoginAsync();
        var key = "Deploy" + Guid.NewGuid().ToString("n")[..8];

        var response = await client.PostXmlAsync("/api/definitions", TestBpmn.TwoTasks(key));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(key, body.GetProperty("key").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.NotEqual(Guid.Empty, body.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Deploy_KeepsVersion_WhenXmlIsIdentical()
    {
        var client = await app.LoginAsync();
        var key = "Same" + Guid.NewGuid().ToString("n")[..8];
        var first = await (await client.PostXmlAsync("/api/definitions", TestBpmn.TwoTasks(key))).JsonAsync();

        var again = await client.PostXmlAsync("/api/definitions", TestBpmn.TwoTasks(key));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.JsonAsync();
        Assert.Equal(first.GetProperty("id").GetGuid(), body.GetProperty("id").GetGuid());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Deploy_Returns400WithFindings_WhenFlowTargetIsMissing()
    {
        var client = await app.LoginAsync();
        var broken = TestBpmn.TwoTasks("Broken" + Guid.NewGuid().ToString("n")[..8]).Replace("targetRef=\"Task_Second\"", "targetRef=\"Task_Gone\"");

        var response = await client.PostXmlAsync("/api/definitions", broken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var findings = (await response.JsonAsync()).GetProperty("findings").EnumerateArray().ToList();
        var finding = Assert.Single(findings, f => f.GetProperty("code").GetString() == "flow-target-missing");
        Assert.Equal("f2", finding.GetProperty("elementId").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.True(finding.GetProperty("line").GetInt32() > 0);
    }

    [Fact]
    public async Task Deploy_Returns400_WhenXmlIsMalformed()
    {
        var client = await app.LoginAsync();

        var response = await client.PostXmlAsync("/api/definitions", "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var findings = (await response.JsonAsync()).GetProperty("findings").EnumerateArray();
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "xml-malformed");
    }

    [Fact]
    public async Task Deploy_StoresNothing_WhenBpmnIsRefused()
    {
        var client = await app.LoginAsync();
        var key = "Refused" + Guid.NewGuid().ToString("n")[..8];
        var refused = TestBpmn.TwoTasks(key).Replace("<endEvent id=\"End\" />", "<complexGateway id=\"Gateway_Complex\" />");

        (await client.PostXmlAsync("/api/definitions", refused)).EnsureSuccessStatusCodeIsNot();

        var list = await (await client.GetAsync("/api/definitions")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("key").GetString() == key);
    }

    [Fact]
    public async Task Validate_ReturnsFindingsAndStoresNothing()
    {
        var client = await app.LoginAsync();
        var key = "Validated" + Guid.NewGuid().ToString("n")[..8];

        var response = await client.PostXmlAsync("/api/definitions/validate", TestBpmn.TwoTasks(key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("deployable").GetBoolean());
        var list = await (await client.GetAsync("/api/definitions")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("key").GetString() == key);
    }

    [Fact]
    public async Task ShippedDefinitions_AreDeployedOnStart()
    {
        var client = await app.LoginAsync();

        var list = await (await client.GetAsync("/api/definitions")).JsonAsync();

        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("key").GetString() == "VillageMediation");
    }
}

public sealed class DeployDefinitionTestsOnSqlite(SqliteAppFactory app) : DeployDefinitionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class DeployDefinitionTestsOnPostgreSql(PostgreSqlAppFactory app) : DeployDefinitionTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;

internal static class ResponseAssertions
{
    public static void EnsureSuccessStatusCodeIsNot(this HttpResponseMessage response)
        => Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
}
