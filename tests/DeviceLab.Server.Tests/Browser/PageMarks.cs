using Microsoft.Playwright;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>Small things browser tests check on a page: that it was not reloaded, and screenshots for the docs.</summary>
public static class PageMarks
{
    /// <summary>Leaves a mark in the page's JavaScript world; a reload or a full navigation wipes it.</summary>
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__devicelabMark = 'still here'; }");

    /// <summary>True when the mark of <see cref="MarkAsync"/> is still there: the page changed without a reload.</summary>
    public static async Task<bool> NotReloadedAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => window.__devicelabMark ?? null") == "still here";

    /// <summary>Saves a screenshot as <c>&lt;name&gt;.png</c> into <c>DEVICELAB_SCREENSHOTS</c> when that is set (the docs'
    /// screenshots are made this way: <c>DEVICELAB_SCREENSHOTS=docs/screenshots dotnet test …</c>); otherwise does nothing.
    /// A relative folder is taken from the repository's root, not from the test's working folder under <c>bin/</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DEVICELAB_SCREENSHOTS") is not { Length: > 0 } folder) return;
        folder = Path.Combine(DeviceLab.Testing.TestPaths.RepositoryRoot, folder);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Waits until the Blazor circuit is up (live updates and clicks work from then on).</summary>
    public static Task InteractiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-interactive]') !== null", null, new() { Timeout = 30_000 });
}
