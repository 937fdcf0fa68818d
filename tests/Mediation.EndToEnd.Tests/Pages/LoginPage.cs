using System.Text.RegularExpressions;

namespace Mediation.EndToEnd.Tests.Pages;

/// <summary>Signs in through the /login form, as a person would.</summary>
internal static partial class LoginPage
{
    public static async Task SignInAsync(IPage page, string userName = MediationWebFactory.AdminUserName,
        string password = MediationWebFactory.AdminPassword)
    {
        await page.GotoAsync("/login");
        await page.Locator("input[name=UserName]").FillAsync(userName);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        // Not page.WaitForURLAsync: in Playwright .NET it can miss a load event that arrives while it
        // subscribes and then time out (microsoft/playwright-dotnet#3364; 3 of 65 runs here). The
        // assertion polls the browser instead.
        await Expect(page).ToHaveURLAsync(InboxUrl());
    }

    [GeneratedRegex("/inbox$")]
    public static partial Regex InboxUrl();

    [GeneratedRegex("/login(\\?.*)?$")]
    public static partial Regex LoginUrl();
}
