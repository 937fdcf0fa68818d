using System.Net.Http.Json;
using Mediation.Host.Features.Organisation;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>People added to the sample tree for a test: a user with a membership made through the API.</summary>
internal static class AreaUsers
{
    public const string Password = "Area-User-Password-1";

    /// <summary>A new user holding <paramref name="role"/> in <paramref name="unitCode"/>; returns their name (unique per call).</summary>
    public static async Task<string> MemberAsync(this MediationAppFactory app, string unitCode, string role, string prefix = "member")
    {
        var name = $"{prefix}.{Guid.NewGuid().ToString("n")[..8]}";
        await app.CreateUserAsync(name, Password);
        var admin = await app.LoginAsync();
        (await admin.PostAsJsonAsync($"/api/org/{unitCode}/members", new { userName = name, role })).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>Signs in the administrator, a sample user (li.village...) or a user made by <see cref="MemberAsync"/>.</summary>
    public static Task<HttpClient> AsAsync(this MediationAppFactory app, string userName)
        => userName == "admin" ? app.LoginAsync()
            : SampleOrganisation.Members.Any(m => m.UserName == userName) ? app.LoginAsync(userName, MediationAppFactory.SamplePassword)
            : app.LoginAsync(userName, Password);
}
