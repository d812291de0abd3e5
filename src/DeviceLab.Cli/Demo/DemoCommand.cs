using System.CommandLine;
using System.Diagnostics;
using DeviceLab.Adb;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Catalog;
using DeviceLab.Cli.Terminal;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// <c>devicelab demo</c>: a whole DeviceLab on this machine — server with its own PostgreSQL, a private adb server, two
/// virtual devices on their own cores — with the demo model, its variants and a nightly suite, and a run shown live.
/// Ctrl+C (or SIGTERM) stops everything it started.
/// </summary>
public static class DemoCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Address the server listens on (loopback).", HelpName = "URL", DefaultValueFactory = _ => DefaultUrl };
        var data = new Option<string?>("--data")
        {
            Description = "The demo's data folder: PostgreSQL cluster, artifacts, device sandboxes, model cache, server.log, demo.json " +
                "(default: $DEVICELAB_DATA, else .devicelab in the current folder, or /var/lib/devicelab/<folder>-<hash> when root runs it where the postgres user cannot enter).",
            HelpName = "DIR",
        };
        var server = new Option<string?>("--server-dll") { Description = "DeviceLab.Server.dll to run (default: the build in this repository).", HelpName = "DLL" };
        var seedHistory = new Option<int>("--seed-history")
        {
            Description = "Before the demo's run, run the suite this many more times so the trends and regression pages have history. " +
                "Every run is real (no invented numbers); they all happen now, so they count as tonight's night, not as past nights.",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        seedHistory.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 30) r.AddError("--seed-history is 0–30 runs."); });
        var runTimeout = new Option<double>("--run-timeout") { Description = "Longest wait for one run, seconds.", HelpName = "SECONDS", DefaultValueFactory = _ => 900 };
        var noRun = new Option<bool>("--no-run") { Description = "Prepare everything (devices, model, variants, suite) but start no run." };
        var catalog = new Option<string?>("--catalog") { Description = "Model catalog folder (default: models/ of this repository).", HelpName = "DIR" };
        var command = new Command("demo", """
            Start a whole DeviceLab on this machine and show it working: the server with its own PostgreSQL, a private adb
            server (its own port; HOME and TMPDIR in the data folder), two virtual devices pinned to CPU cores 0 and 1, the
            catalog's synthetic SmolLM-135M-shaped model (F16, generated deterministically) uploaded with Q8_0 and Q4_0
            variants built from it, a "nightly" suite (cron 0 3 * * * UTC) over the three variants and both devices, and a
            run of it with live progress. Prints the dashboard address, the admin sign-in and an API key for the other
            commands. A second start reuses the data folder: same devices, same model (by sha256), same suite (by name).
            Ctrl+C or SIGTERM stops everything it started — server, PostgreSQL, adb server, virtual devices.
            ./devicelab demo installs what is missing (postgresql, adb), builds, publishes the agent, then runs this.

            Examples:
              ./devicelab demo
              ./devicelab demo --seed-history 5 --url http://127.0.0.1:5081

            Exit codes: 0 stopped by Ctrl+C / SIGTERM, 1 invalid command line or the demo could not start (the message says
            why; the server's log is in the data folder).
            """)
        {
            url, data, server, seedHistory, runTimeout, noRun, catalog,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = CommandTerminal.For(parse);
            var serverDll = parse.GetValue(server) ?? LocalServer.FindBuiltServer();
            if (serverDll is null || !File.Exists(serverDll))
            {
                terminal.Fail($"The DeviceLab server is not built{(serverDll is null ? "" : $" ({serverDll} is missing)")}. " +
                              "Run ./devicelab demo from the repository root (it builds first), or pass --server-dll PATH/DeviceLab.Server.dll.");
                return 1;
            }
            var (folder, reason) = DemoDataFolder.Choose(parse.GetValue(data) ?? Environment.GetEnvironmentVariable("DEVICELAB_DATA"), Environment.CurrentDirectory);
            var options = new DemoOptions(parse.GetValue(url)!.TrimEnd('/'), folder, parse.GetValue(catalog), parse.GetValue(seedHistory),
                TimeSpan.FromSeconds(parse.GetValue(runTimeout)));
            terminal.Output.WriteLine($"DeviceLab demo: data folder {folder}{(reason is null ? "" : $" ({reason})")}");
            try
            {
                return await RunAsync(terminal, serverDll, options, parse.GetValue(noRun), cancellationToken);
            }
            catch (Exception e) when (e is DemoException or ApiException or CatalogException or AdbException or IOException && !cancellationToken.IsCancellationRequested)
            {
                terminal.Fail(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandTerminal terminal, string serverDll, DemoOptions options, bool noRun, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.DataFolder);
        var state = DemoState.Load(options.DataFolder);
        DemoFleet? fleet = null;
        LocalServer? server = null;
        try
        {
            fleet = await DemoFleet.StartAsync(options.DataFolder, state, stop);
            state = state with { AdbPort = fleet.AdbPort, DevicePorts = fleet.DevicePorts };
            state.Save(options.DataFolder);
            terminal.Output.WriteLine($"adb server on 127.0.0.1:{fleet.AdbPort} (private); virtual devices " +
                string.Join(", ", fleet.Serials.Select((s, i) => $"{s} on {(fleet.Cores[i] is { } core ? $"core {core}" : "every core")}")));

            terminal.Output.WriteLine($"Starting the DeviceLab server with its PostgreSQL (log: {Path.Combine(options.DataFolder, "server.log")}) …");
            server = await LocalServer.StartAsync(serverDll, options.Url, options.DataFolder, ServerSettings(fleet, state), stop);
            terminal.Output.WriteLine($"Server ready after {clock.Elapsed.TotalSeconds:0} s.");

            using var client = new ApiClient(new ApiEndpoint(new Uri(options.Url + "/"), state.ApiKey), timeout: Timeout.InfiniteTimeSpan);
            var scenario = new DemoScenario(client, terminal, options);
            var suite = await scenario.PrepareAsync(fleet.Serials, stop);
            Announce(terminal, options, state);

            if (!noRun)
            {
                for (var night = 1; night <= options.SeedHistory; night++) await scenario.RunAsync(suite, $"History {night}/{options.SeedHistory}", stop);
                var firstResult = new FirstResultClock(client, clock);
                var run = await scenario.RunAsync(suite, "Nightly suite", stop, firstResult);
                await scenario.ShowResultsAsync(run, stop);
                if (firstResult.Elapsed is { } elapsed)
                    terminal.Output.WriteLine($"First result stored {elapsed.TotalSeconds:0} s after the demo started.");
            }
            terminal.Output.WriteLine("DeviceLab keeps running. Press Ctrl+C to stop everything (server, PostgreSQL, adb server, virtual devices).");
            await Task.Delay(Timeout.Infinite, stop);
            return 0;
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Ctrl+C / SIGTERM mid-step: whatever the step was waiting on (an API call the client wraps as ApiException,
            // a device start) ends with its own exception type; stopping is what the user asked for, so exit 0.
            return 0;
        }
        finally
        {
            if (server is not null || fleet is not null) terminal.Output.WriteLine("Stopping DeviceLab …");
            if (server is not null)
            {
                await server.DisposeAsync();
                terminal.Output.WriteLine("Stopped the server and its PostgreSQL.");
            }
            if (fleet is not null)
            {
                await fleet.DisposeAsync();
                terminal.Output.WriteLine("Stopped the virtual devices and the adb server.");
            }
        }
    }

    /// <summary>The server's configuration, as environment variables of its process (the API key never on a command line).</summary>
    private static Dictionary<string, string> ServerSettings(DemoFleet fleet, DemoState state)
    {
        var settings = new Dictionary<string, string>
        {
            ["DeviceLab__Adb__ServerPort"] = fleet.AdbPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DeviceLab__Adb__StartServer"] = "false",
            ["DeviceLab__Auth__BootstrapApiKey__Secret"] = state.ApiKey,
            ["DeviceLab__Auth__BootstrapApiKey__Name"] = "devicelab-demo",
        };
        for (var i = 0; i < fleet.Serials.Count; i++) settings[$"DeviceLab__Adb__ConnectDevices__{i}"] = fleet.Serials[i];
        if (Environment.GetEnvironmentVariable("DeviceLab__AgentBuilds__Directory") is null
            && LocalServer.RepositoryRoot() is { } root && Directory.Exists(Path.Combine(root, "artifacts", "agent")))
            settings["DeviceLab__AgentBuilds__Directory"] = Path.Combine(root, "artifacts", "agent");
        return settings;
    }

    private static void Announce(CommandTerminal terminal, DemoOptions options, DemoState state)
    {
        var passwordFile = Path.Combine(options.DataFolder, "admin-password.txt");
        var login = File.Exists(passwordFile)
            ? string.Join(" / ", File.ReadAllLines(passwordFile).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).Select(p => p[1].Trim()))
            : $"the administrator created on the first start (its password was in {passwordFile})";
        terminal.Output.WriteLine();
        terminal.Output.WriteLine($"DeviceLab is running. Dashboard: {options.Url}/");
        terminal.Output.WriteLine($"  sign in:   {login}   ({passwordFile})");
        terminal.Output.WriteLine($"  CLI:       export DEVICELAB_SERVER={options.Url} DEVICELAB_API_KEY={state.ApiKey}");
        terminal.Output.WriteLine($"             devicelab devices list; devicelab compare --model {DemoScenario.CatalogEntry}");
        terminal.Output.WriteLine($"  jobs: {options.Url}/hangfire   health: {options.Url}/healthz   API: {options.Url}/openapi/v1.json");
        terminal.Output.WriteLine();
    }
}
