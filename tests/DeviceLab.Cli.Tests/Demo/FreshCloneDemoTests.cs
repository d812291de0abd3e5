using System.Diagnostics;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Demo;

/// <summary>
/// The README's first command on a fresh clone: <c>git clone</c> this checkout into an empty folder and run
/// <c>./devicelab demo</c>, which builds everything, publishes the agent and runs the demo until a run has finished.
/// It rebuilds the whole solution in the clone (about 1½ minutes on two cores), so it shares the
/// <see cref="DemoCollection"/> with <see cref="DemoCommandTests"/>: one whole demo at a time on the machine.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class FreshCloneDemoTests : IDisposable
{
    private static readonly TimeSpan BuildAndRunPatience = TimeSpan.FromMinutes(20);
    private readonly TemporaryFolder _folder = new("fresh-clone");

    [Fact]
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

/// <summary>The tests that start a whole demo (server, PostgreSQL, adb server, two devices): run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection
{
    public const string Name = "demo";
}
