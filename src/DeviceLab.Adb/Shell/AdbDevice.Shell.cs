using DeviceLab.Adb.Shell;

namespace DeviceLab.Adb;

public sealed partial class AdbDevice
{
    /// <summary>Runs a command and collects its stdout, stderr and exit code.</summary>
    /// <exception cref="AdbConnectionLostException">The device or server went away before the command's exit status arrived.</exception>
    public async Task<ShellResult> RunShellAsync(ShellCommand command, ShellOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ShellOptions.Default;
        var protocol = await ResolveShellProtocolAsync(options.Protocol, cancellationToken).ConfigureAwait(false);
        using var standardOutput = new MemoryStream();
        using var standardError = new MemoryStream();
        var exitCode = await ExecuteShellAsync(command, standardOutput, standardError, options with { Protocol = protocol }, cancellationToken).ConfigureAwait(false);
        return new ShellResult(Serial, command, exitCode, standardOutput.ToArray(), standardError.ToArray(), protocol);
    }

    /// <inheritdoc cref="RunShellAsync(ShellCommand, ShellOptions?, CancellationToken)"/>
    public Task<ShellResult> RunShellAsync(string program, params IEnumerable<string> arguments) =>
        RunShellAsync(ShellCommand.Of(program, arguments));

    /// <summary>Runs a command, copying its stdout and stderr into the given streams as they arrive; returns the exit code.</summary>
    public Task<int> ExecuteShellAsync(
        ShellCommand command, Stream standardOutput, Stream standardError,
        ShellOptions? options = null, CancellationToken cancellationToken = default) =>
        ExecuteShellAsync(
            command,
            (data, ct) => standardOutput.WriteAsync(data, ct),
            (data, ct) => standardError.WriteAsync(data, ct),
            options, cancellationToken);

    /// <summary>
    /// Runs a command and hands each piece of stdout / stderr to a callback as it arrives (for live event
    /// streams such as the agent's JSON lines); returns the exit code.
    /// </summary>
    public async Task<int> ExecuteShellAsync(
        ShellCommand command, ShellOutputHandler standardOutput, ShellOutputHandler standardError,
        ShellOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ShellOptions.Default;
        var protocol = await ResolveShellProtocolAsync(options.Protocol, cancellationToken).ConfigureAwait(false);
        var operation = $"shell `{Abbreviate(command.CommandLine)}`";
        if (protocol == ShellProtocol.V2)
        {
            using var connection = await OpenServiceAsync($"shell,v2,raw:{command.CommandLine}", operation, cancellationToken).ConfigureAwait(false);
            return await ShellV2Stream.RunAsync(connection, standardOutput, standardError, options.StandardInput, cancellationToken).ConfigureAwait(false);
        }
        if (options.StandardInput is not null)
        {
            throw new NotSupportedException($"device '{Serial}' has no shell v2, and the legacy shell service cannot carry stdin");
        }
        using (var connection = await OpenServiceAsync($"shell:{LegacyShellStream.CommandLine(command)}", operation, cancellationToken).ConfigureAwait(false))
        {
            return await LegacyShellStream.RunAsync(connection, standardOutput, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ShellProtocol> ResolveShellProtocolAsync(ShellProtocol requested, CancellationToken cancellationToken)
    {
        if (requested != ShellProtocol.Automatic) return requested;
        var features = await GetFeaturesAsync(cancellationToken).ConfigureAwait(false);
        return features.Has(AdbFeatureSet.ShellV2) ? ShellProtocol.V2 : ShellProtocol.Legacy;
    }

    private static string Abbreviate(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
