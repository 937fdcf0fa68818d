using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mediation.Host.Features.Auth;

/// <summary>The sign-in page: a cookie for the pages (the API uses bearer tokens from /api/auth/login).</summary>
public sealed class LoginModel(SignInManager<IdentityUser> signIn) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(UserName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/inbox");
        Error = result.IsLockedOut ? "尝试次数过多，账户已暂时锁定。Too many attempts: the account is locked for a while."
            : "用户名或密码错误。Wrong user name or password.";
        return Page();
    }
}
