using System.CommandLine;
using System.Runtime.InteropServices;

namespace DeviceLab.VirtualDevice.Hosting;

/// <summary>
/// <c>devicelab-virtual-device --port N --sandbox DIR [--cores LIST] [--name NAME]</c>: runs one
/// virtual device until SIGTERM or SIGINT. Prints <c>listening on 127.0.0.1:PORT</c> once ready.
/// </summary>
internal static class VirtualDeviceCommand
{
    public const int UsageError = 2;

    public static RootCommand Create()
    {
        var port = new Option<int>("--port") { Description = "loopback TCP port to listen on (0 picks a free one; not 5555-5585)", Required = true };
        var sandbox = new Option<string>("--sandbox") { Description = "host folder that is the device's /data/local/tmp", Required = true };
        var cores = new Option<string?>("--cores") { Description = "CPU cores for the device's commands, e.g. 0, 1, 0-1" };
        var name = new Option<string?>("--name") { Description = "ro.product.name / ro.product.device (default devicelab_virtual)" };
        var serial = new Option<string?>("--serial") { Description = "ro.serialno (default devicelab-virtual-PORT)" };
        var properties = new Option<string[]>("--prop") { Description = "extra property KEY=VALUE (repeatable)" };
        var verbose = new Option<bool>("--verbose") { Description = "log connections and refused requests to stderr" };

        var command = new RootCommand("A virtual Android device for the real adb server: shell, sync, forward and reverse over the ADB wire protocol.")
        {
            port, sandbox, cores, name, serial, properties, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            VirtualDeviceOptions options;
            try
            {
                options = new VirtualDeviceOptions
                {
                    Port = parse.GetValue(port),
                    Sandbox = parse.GetValue(sandbox)!,
                    Cores = parse.GetValue(cores) is { } list ? CoreSet.Parse(list) : null,
                    Name = parse.GetValue(name),
                    Serial = parse.GetValue(serial),
                    Properties = ParseProperties(parse.GetValue(properties) ?? []),
                    Log = parse.GetValue(verbose) ? line => Console.Error.WriteLine($"devicelab-virtual-device: {line}") : null,
                };
            }
            catch (FormatException e)
            {
                return Fail(e.Message);
            }
            return await RunAsync(options);
        });
        return command;
    }

    /// <summary>Runs with System.CommandLine's own signal handling off: SIGTERM/SIGINT are ours (see <see cref="RunAsync"/>).</summary>
    public static Task<int> InvokeAsync(string[] args) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    private static async Task<int> RunAsync(VirtualDeviceOptions options)
    {
        // Registered before the "listening" line, so a supervisor's SIGTERM right after it is a clean stop (exit 0).
        using var stop = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var stopRequested = stop.Token;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        VirtualDevice device;
        try
        {
            device = await VirtualDevice.StartAsync(options, stopRequested);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(e.Message);
        }
        await using (device)
        {
            Console.Out.WriteLine($"listening on {device.Address}");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stopRequested);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM / SIGINT: stop cleanly below.
            }
        }
        return 0;
    }

    private static Dictionary<string, string> ParseProperties(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new FormatException($"--prop '{pair}' is not KEY=VALUE");
            result[pair[..equals]] = pair[(equals + 1)..];
        }
        return result;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"devicelab-virtual-device: {message}");
        return UsageError;
    }
}
