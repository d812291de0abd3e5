using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DeviceLab.Server.Auth;

/// <summary>
/// <c>POST /account/login</c> and <c>/account/logout</c>: plain form posts from the <c>/login</c> page and the app bar.
/// The sign-in cookie can only be set on an HTTP response, not over the Blazor circuit, so these are endpoints.
/// </summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        // The form parameter makes the endpoint form-bound, so the antiforgery token is checked (no cross-site sign-out).
        account.MapPost("/logout", async (IFormCollection form, SignInManager<DeviceLabUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(SignInCookie.LoginPath);
        }).RequireAuthorization(DeviceLabPolicies.Viewer);
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<DeviceLabUser> signIn, TimeProvider time, ILoggerFactory loggers)
    {
        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        var user = string.IsNullOrWhiteSpace(email) ? null : await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(password)) return Failed(target, "invalid");

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut) return Failed(target, "locked");
        if (!result.Succeeded) return Failed(target, "invalid");
        user.LastSignInAt = time.GetUtcNow();
        await signIn.UserManager.UpdateAsync(user);
        loggers.CreateLogger("DeviceLab.Server.Auth.Login").LogInformation("{Email} signed in", user.Email);
        return TypedResults.LocalRedirect(target);
    }

    private static IResult Failed(string returnUrl, string error) =>
        TypedResults.LocalRedirect($"{SignInCookie.LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    /// <summary>Only paths of this site: "/runs" yes; "//evil.example", "/\evil", "https://…" no (open redirect).</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
