using DeviceLab.Core.Models;
using DeviceLab.Server.Tests.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>Signing in through the real form, and what each role is offered.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInAndRolesTests(DashboardLab lab)
{
    [Fact]
    public async Task Someone_signed_out_is_sent_to_the_login_and_back_to_the_page_they_asked_for()
    {
        await using var browser = await DeviceLab.Testing.Browser.ChromiumBrowser.StartAsync(lab.BaseUrl);
        var page = await browser.PageAsync();

        await page.GotoAsync("/compare");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fcompare"));
        await PageMarks.InteractiveAsync(page);
        await page.FillAsync("input[name=email]", DashboardLab.OperatorEmail);
        await page.FillAsync("input[name=password]", DashboardLab.Password);
        await page.ClickAsync("button[type=submit]");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/compare$"));
        await Expect(page.Locator("header")).ToContainTextAsync(DashboardLab.OperatorEmail);
    }

    [Fact]
    public async Task A_viewer_sees_the_data_but_no_operator_action()
    {
        var seed = new DashboardSeed(lab.CreateDbContext, lab.LabHostName);
        var (model, variants) = await seed.ModelAsync("roles-model", QuantType.F16);
        var suite = await seed.SuiteAsync("roles-suite", variants);
        await seed.RegressionAsync(suite, variants[0]);

        var (viewer, viewerPage) = await lab.SignInAsync(DashboardLab.ViewerEmail);
        await using var _ = viewer;
        var (operatorBrowser, operatorPage) = await lab.SignInAsync(DashboardLab.OperatorEmail);
        await using var __ = operatorBrowser;

        foreach (var (path, action) in new[]
                 {
                     ("/suites", "[data-action=new-suite]"), ($"/suites/{suite.Id}", "[data-action=run-now]"), ($"/suites/{suite.Id}", "[data-action=save-suite]"),
                     ("/models", "[data-section=upload]"), ("/models", "[data-action=build-variants]"), ("/regressions", "[data-action=triage]"),
                 })
        {
            await operatorPage.GotoAsync(path);
            await Expect(operatorPage.Locator(action).First).ToBeVisibleAsync();
            await viewerPage.GotoAsync(path);
            await PageMarks.InteractiveAsync(viewerPage);
            await Expect(viewerPage.Locator("h4").First).ToBeVisibleAsync();
            await Expect(viewerPage.Locator(action)).ToHaveCountAsync(0);
        }
        await viewerPage.GotoAsync($"/suites/{suite.Id}");
        await Expect(viewerPage.Locator("input[data-field=name], [data-field=name] input")).ToHaveAttributeAsync("readonly", "");
        await viewerPage.GotoAsync("/models");
        await Expect(viewerPage.Locator($"[data-model='{model.Name}']")).ToBeVisibleAsync(); // the data, without the actions
    }
}
