using System.Diagnostics;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Demo;

/// <summary>
/// The README's first command on a fresh clone: <c>git clone</c> this checkout into an empty folder and run
/// <c>./devicelab demo</c>, which builds everything, publishes the agent and runs the demo until a run has finished.
/// It rebuilds the whole solution (minutes on two cores), so it runs only when <c>DEVICELAB_FRESH_CLONE_TEST=1</c>;
/// <see cref="DemoCommandTests"/> covers the same demo with the already built CLI in every test run.
/// </summary>
public sealed class FreshCloneDemoTests : IDisposable
{
    private static readonly TimeSpan BuildAndRunPatience = TimeSpan.FromMinutes(20);
    private readonly TemporaryFolder _folder = new("fresh-clone");

    [FreshCloneFact]
    public async Task A_fresh_clone_reaches_a_finished_run_with_results_on_both_devices()
    {
        var clone = _folder.Combine("devicelab");
        using (var git = Process.Start("git", ["clone", "--quiet", TestPaths.RepositoryRoot, clone])) await git.WaitForExitAsync();
        Assert.True(File.Exists(Path.Combine(clone, "devicelab")));
        var url = $"http://127.0.0.1:{Testing.Adb.LoopbackPorts.PickFree()}";
        var clock = Stopwatch.StartNew();

        await using var demo = DemoProcess.Start(clone, Path.Combine(clone, "devicelab"), "demo", "--url", url);
        await demo.WaitForAsync("First result stored", BuildAndRunPatience);
        var firstResult = clock.Elapsed;
        await demo.WaitForAsync("DeviceLab keeps running.", TimeSpan.FromMinutes(5));
        Assert.Matches(@"Nightly suite: run \d+ succeeded", demo.Output);
        using (var http = new HttpClient()) Assert.True((await http.GetAsync(url + "/")).IsSuccessStatusCode);
        Console.WriteLine($"fresh clone: first result stored {firstResult.TotalSeconds:0} s after ./devicelab demo started");

        await demo.InterruptAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(0, demo.ExitCode);
        Assert.Empty(demo.LeftOver());
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>A fact that runs only with <c>DEVICELAB_FRESH_CLONE_TEST=1</c> (it builds the solution from scratch).</summary>
public sealed class FreshCloneFactAttribute : FactAttribute
{
    public FreshCloneFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DEVICELAB_FRESH_CLONE_TEST") != "1")
            Skip = "Builds a fresh clone from scratch (minutes): set DEVICELAB_FRESH_CLONE_TEST=1 to run it.";
    }
}
