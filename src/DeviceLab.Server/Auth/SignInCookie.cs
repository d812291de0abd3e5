using Microsoft.AspNetCore.Authentication.Cookies;

namespace DeviceLab.Server.Auth;

/// <summary>
/// The dashboard's sign-in cookie. Pages send people to <c>/login</c>; API and hub requests get 401 / 403 instead of a
/// redirect, because a program cannot follow a login form.
/// </summary>
internal static class SignInCookie
{
    public const string LoginPath = "/login";
    public const string AccessDeniedPath = "/access-denied";

    public static void Configure(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "devicelab.signin";
        cookie.Cookie.HttpOnly = true;
        // Lax: a cross-site form cannot post with the cookie (CSRF on the API), a link from elsewhere still opens the dashboard.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = LoginPath;
        cookie.AccessDeniedPath = AccessDeniedPath;
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    /// <summary>True for requests from programs: the REST API and SignalR hubs.</summary>
    public static bool IsProgramRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(BearerCredential.HubPathPrefix);

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsProgramRequest(context.Request)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
