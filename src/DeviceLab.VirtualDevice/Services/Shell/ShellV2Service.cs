using DeviceLab.VirtualDevice.Sandbox;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Shell;

/// <summary>
/// <c>shell,v2,…:command</c>: stdout and stderr as separate packets while the command runs, then
/// an exit packet with its exit code. Closing the stream kills the command's process group.
/// </summary>
internal sealed class ShellV2Service(ShellLauncher shells, ShellRequest request) : IDeviceService
{
    public Task RunAsync(DeviceStream stream) => ShellRun.RunAsync(shells, request, stream);
}

/// <summary>The life of one shell command on a stream, shared by the v2 and the raw service.</summary>
internal static class ShellRun
{
    public static async Task RunAsync(ShellLauncher shells, ShellRequest request, DeviceStream stream)
    {
        using var shell = shells.Start(request.Command, request.TerminalType);
        var output = new ShellOutput(stream.Output, request.UsesShellProtocol);
        // Stdin forwarding ends with the command, not with the stream (which closes only after we return).
        using var stdinDone = CancellationTokenSource.CreateLinkedTokenSource(stream.Closed);
        var stdin = ShellInput.ForwardAsync(stream.Input, shell.StandardInput, request.UsesShellProtocol, stdinDone.Token);
        var stdout = output.ForwardAsync(shell.StandardOutput, Shell.ShellPacket.Stdout, stream.Closed);
        var stderr = output.ForwardAsync(shell.StandardError, Shell.ShellPacket.Stderr, stream.Closed);
        var exited = false;
        try
        {
            // Output ends when the command and every child holding its pipes are done, as with adbd.
            await Task.WhenAll(stdout, stderr).WaitAsync(stream.Closed).ConfigureAwait(false);
            var exitCode = await shell.WaitForExitAsync(stream.Closed).ConfigureAwait(false);
            exited = true;
            if (request.UsesShellProtocol) await output.WriteAsync(Shell.ShellPacket.Exit, new[] { (byte)exitCode }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stream.Closed.IsCancellationRequested)
        {
        }
        finally
        {
            // The host hung up (or the connection died) while the command ran: end it and its children.
            if (!exited) shell.KillGroup();
            await stdinDone.CancelAsync().ConfigureAwait(false);
            await Settle(stdin, stdout, stderr).ConfigureAwait(false);
        }
    }

    private static async Task Settle(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Pipes of a killed command end with errors; nothing is left to report to.
        }
    }
}
