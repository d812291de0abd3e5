using System.CommandLine;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// <c>devicelab demo</c>: runs the DeviceLab server on its local defaults (its own PostgreSQL in <c>.devicelab/</c>),
/// prints the dashboard address once it is healthy, and stops it cleanly on Ctrl+C.
/// </summary>
public static class DemoCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "Address the server listens on (loopback by default).",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var data = new Option<string?>("--data")
        {
            Description = "DeviceLab's data folder (default: $DEVICELAB_DATA, else .devicelab in the current folder, " +
                "or /var/lib/devicelab/<folder>-<hash> when root runs it where the postgres user cannot enter).",
        };
        var server = new Option<string?>("--server")
        {
            Description = "DeviceLab.Server.dll to run (default: the build in this repository).",
        };
        var command = new Command("demo", "Start DeviceLab locally and print the dashboard address; Ctrl+C stops it.") { url, data, server };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var serverDll = parse.GetValue(server) ?? LocalServer.FindBuiltServer();
            if (serverDll is null || !File.Exists(serverDll))
            {
                await Console.Error.WriteLineAsync(
                    $"The DeviceLab server is not built{(serverDll is null ? "" : $" ({serverDll} is missing)")}. " +
                    "Run ./devicelab demo from the repository root (it builds first), or pass --server PATH/DeviceLab.Server.dll.");
                return 1;
            }
            return await LocalServer.RunAsync(serverDll, parse.GetValue(url)!, parse.GetValue(data), cancellationToken);
        });
        return command;
    }
}
