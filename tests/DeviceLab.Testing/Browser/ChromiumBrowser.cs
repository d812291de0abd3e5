using Microsoft.Playwright;

namespace DeviceLab.Testing.Browser;

/// <summary>
/// Debian's chromium driven by Playwright, never a downloaded browser: <c>/usr/bin/chromium</c> (or
/// <c>DEVICELAB_CHROMIUM</c>), headless, with nothing that phones home, each session in a fresh user-data-dir under
/// the test temp folder that is deleted with it. The test command (<c>./devicelab test</c>) installs chromium;
/// a machine without it gets one clear message instead of a Playwright download attempt.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    /// <summary>Flags for a browser in a test: no sandbox (root in CI), no GPU, no background traffic.</summary>
    public static readonly string[] Flags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static IPlaywright? _playwright;

    private readonly TemporaryFolder _profile;

    private ChromiumBrowser(TemporaryFolder profile, IBrowserContext context)
    {
        _profile = profile;
        Context = context;
    }

    /// <summary>The session's only context (a persistent context: the fresh profile is its user-data-dir).</summary>
    public IBrowserContext Context { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("DEVICELAB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Starts a browser session.</summary>
    /// <param name="baseUrl">Where relative page addresses go, e.g. the test server's <c>http://127.0.0.1:PORT</c>.</param>
    /// <param name="timeZone">The browser's IANA time zone (what <c>Intl</c> reports), e.g. <c>Asia/Tokyo</c>.</param>
    public static async Task<ChromiumBrowser> StartAsync(string baseUrl, string timeZone = "UTC", int width = 1440, int height = 900)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: install it with 'apt-get install -y chromium' (./devicelab test does), or set DEVICELAB_CHROMIUM.");
        var playwright = await PlaywrightAsync();
        var profile = new TemporaryFolder("chromium");
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Flags,
                BaseURL = baseUrl,
                TimezoneId = timeZone,
                Locale = "en-GB",
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Timeout = 60_000,
            });
            context.SetDefaultTimeout(30_000);
            return new ChromiumBrowser(profile, context);
        }
        catch
        {
            profile.Dispose();
            throw;
        }
    }

    /// <summary>The session's page (opened with the context), or a new one.</summary>
    public async Task<IPage> PageAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _profile.Dispose();
    }

    // One Playwright driver per test process; it never downloads a browser (the variable and the executable path see to that).
    private static async Task<IPlaywright> PlaywrightAsync()
    {
        await Starting.WaitAsync();
        try
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            return _playwright ??= await Playwright.CreateAsync();
        }
        finally
        {
            Starting.Release();
        }
    }
}
