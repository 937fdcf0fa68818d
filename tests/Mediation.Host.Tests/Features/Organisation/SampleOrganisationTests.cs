using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Organisation;

public sealed class SampleOrganisationTests
{
    [Fact]
    public async Task Samples_AreNotSeeded_WhenDisabled()
    {
        await using var app = new SqliteAppFactory { Settings = new Dictionary<string, string> { ["Mediation:Samples:Enabled"] = "false" } };
        var client = await app.LoginAsync();
        var ct = TestContext.Current.CancellationToken;

        var tree = await (await client.GetAsync("/api/org", ct)).JsonAsync();
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "li.village", password = MediationAppFactory.SamplePassword }, ct);

        Assert.Empty(tree.EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
