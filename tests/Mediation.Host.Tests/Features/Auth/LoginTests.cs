using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Auth;

public abstract class LoginTests(MediationAppFactory app)
{
    [Fact]
    public async Task Login_ReturnsBearerToken_WhenPasswordIsRight()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = MediationAppFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.True(token.GetProperty("expiresIn").GetInt64() > 0);
    }

    [Fact]
    public async Task Login_Returns401_WhenPasswordIsWrong()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/definitions")]
    [InlineData("/api/tasks")]
    [InlineData("/api/instances/00000000-0000-0000-0000-000000000001")]
    public async Task Api_Returns401_WhenNoToken(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pages_RedirectToLogin_WhenNotSignedIn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task HangfireDashboard_IsForbidden_WhenUserIsNotAdministrator()
    {
        await app.CreateUserAsync("mediator-li", "Mediator-Password-1", "villageMediators");
        var client = await app.LoginAsync("mediator-li", "Mediator-Password-1");

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_Answers_WhenUserIsAdministrator()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mark-overdue-tasks", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_AnswersWithoutLogin()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class LoginTestsOnSqlite(SqliteAppFactory app) : LoginTests(app), IClassFixture<SqliteAppFactory>;

public sealed class LoginTestsOnPostgreSql(PostgreSqlAppFactory app) : LoginTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
