using System.Net;
using System.Text.RegularExpressions;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Tests.Infrastructure.Database;

/// <summary>Two Host processes on one database (two nodes behind a load balancer) share the data-protection key ring.</summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task BearerToken_IsAccepted_ByAnotherNodeOnTheSameDatabase()
    {
        await using var nodeA = new SqliteAppFactory();
        var fromA = await nodeA.LoginAsync();
        await using var nodeB = new SqliteAppFactory { DatabaseFile = nodeA.DatabaseFile };
        var onB = nodeB.CreateClient();
        onB.DefaultRequestHeaders.Authorization = fromA.DefaultRequestHeaders.Authorization;

        var response = await onB.GetAsync("/api/tasks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BearerToken_IsRejected_ByAnAppOnAnotherDatabase()
    {
        await using var nodeA = new SqliteAppFactory();
        var fromA = await nodeA.LoginAsync();
        await using var elsewhere = new SqliteAppFactory();
        var client = elsewhere.CreateClient();
        client.DefaultRequestHeaders.Authorization = fromA.DefaultRequestHeaders.Authorization;

        var response = await client.GetAsync("/api/tasks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignInCookie_IsAccepted_ByAnotherNode_WhenTheFormCameFromTheFirst()
    {
        await using var nodeA = new SqliteAppFactory();
        await using var nodeB = new SqliteAppFactory { DatabaseFile = nodeA.DatabaseFile };
        var browserOnA = nodeA.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var browserOnB = nodeB.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

        // The form and its antiforgery cookie from A, the sign-in on B, the next page on A again.
        var form = await browserOnA.GetAsync("/login");
        var antiforgery = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "admin", ["Password"] = MediationAppFactory.AdminPassword, ["__RequestVerificationToken"] = antiforgery,
            }),
        };
        signIn.Headers.Add("Cookie", Cookies(form));
        var signedIn = await browserOnB.SendAsync(signIn);
        var inbox = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        inbox.Headers.Add("Cookie", Cookies(signedIn));
        var page = await browserOnA.SendAsync(inbox);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/inbox", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task KeyRing_IsStoredInTheDatabaseUnderOneApplicationName()
    {
        await using var node = new SqliteAppFactory();
        await node.LoginAsync();

        await using var scope = node.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<HostDbContext>().DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken);
        // Without a fixed name the discriminator is the content root, which differs between installs of the same app.
        Assert.Equal("Mediation", scope.ServiceProvider.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("<key ", key.Xml));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(node.DatabaseFile)!, "keys")));
    }

    private static string Cookies(HttpResponseMessage response)
        => string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : []);
}
