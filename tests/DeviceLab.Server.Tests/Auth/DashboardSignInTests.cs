using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DeviceLab.Server.Tests.Auth;

public sealed class DashboardSignInTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private HttpClient Browser() => server.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Pages_send_someone_not_signed_in_to_the_login_page_and_back_after_signing_in()
    {
        using var browser = Browser();
        using var before = await browser.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fruns", before.Headers.Location!.PathAndQuery);

        using var signIn = await DashboardSignIn.SignInAsync(browser, DeviceLabServerFixture.AdminEmail, DeviceLabServerFixture.AdminPassword, "/runs");

        Assert.Equal("/runs", signIn.Headers.Location!.OriginalString);
        using var after = await browser.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains(DeviceLabServerFixture.AdminEmail, await after.Content.ReadAsStringAsync()); // the app bar names the user
    }

    [Fact]
    public async Task A_wrong_password_returns_to_the_form_with_a_message()
    {
        using var browser = Browser();

        using var signIn = await DashboardSignIn.SignInAsync(browser, DeviceLabServerFixture.AdminEmail, "wrong-password-123");

        Assert.StartsWith("/login?error=invalid", signIn.Headers.Location!.OriginalString);
        Assert.Contains("Wrong e-mail address or password.", await browser.GetStringAsync(signIn.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_return_address_never_leaves_the_site(string returnUrl)
    {
        using var browser = Browser();

        using var signIn = await DashboardSignIn.SignInAsync(browser, DeviceLabServerFixture.AdminEmail, DeviceLabServerFixture.AdminPassword, returnUrl);

        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = Browser();
        await DashboardSignIn.SignInAsync(browser, DeviceLabServerFixture.AdminEmail, DeviceLabServerFixture.AdminPassword);
        var page = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "action=\"/account/logout\"[\\s\\S]*?name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, "the app bar has a sign-out form");

        using var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));

        Assert.Equal("/login", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = Browser();

        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = DeviceLabServerFixture.AdminEmail,
            ["password"] = DeviceLabServerFixture.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
