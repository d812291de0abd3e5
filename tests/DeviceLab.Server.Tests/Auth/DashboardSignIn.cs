using System.Text.RegularExpressions;

namespace DeviceLab.Server.Tests;

/// <summary>Signs in the way a browser does: GET /login for the form's antiforgery token, POST the form to /account/login.
/// The client must keep cookies (WebApplicationFactory's clients and a default HttpClientHandler do).</summary>
public static partial class DashboardSignIn
{
    /// <returns>The response of the form post (a redirect: to the return URL, or back to /login with an error).</returns>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException($"The login page has no antiforgery token:\n{page}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        });
        return await client.PostAsync("/account/login", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
