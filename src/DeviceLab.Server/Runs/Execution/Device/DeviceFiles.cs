using System.Diagnostics;
using DeviceLab.Adb;
using DeviceLab.Adb.Shell;

namespace DeviceLab.Server.Runs.Execution.Device;

/// <summary>
/// Puts content-addressed files on a device only when it lacks them. A file lives at
/// <c>&lt;folder&gt;/&lt;sha256&gt;/&lt;name&gt;</c> next to a stamp (<c>.sha256</c>) written only after a push was
/// verified with the device's own <c>sha256sum</c>; stamp plus matching size means the device has the bytes, so a push
/// cut off midway (no stamp) is simply pushed again. Every shell command is an argument list (quoted).
/// </summary>
public static class DeviceFiles
{
    public static async Task<FileTransfer> EnsureAsync(AdbDevice device, DeviceFile file, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (await IsPresentAsync(device, file, cancellationToken))
            return new FileTransfer(file.Kind, file.Sha256, file.SizeBytes, file.RemotePath, Pushed: false, null, watch.Elapsed.TotalMilliseconds);

        await using (var source = file.Open())
        {
            var mode = file.Executable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            try
            {
                await device.PushAsync(source, file.RemotePath, mode, DateTimeOffset.UtcNow, cancellationToken: cancellationToken);
            }
            catch (AdbSyncException e)
            {
                throw new PushFailedException($"the device refused {file.Kind} {file.Sha256[..12]}… at {file.RemotePath}: {e.Message}", e);
            }
        }
        var verification = await VerifyAsync(device, file, cancellationToken);
        var stamp = await device.RunShellAsync(ShellCommand.Of("sh", "-c", "printf %s \"$2\" > \"$1\"", "sh", file.StampPath, file.Sha256), cancellationToken: cancellationToken);
        if (!stamp.Succeeded) throw new PushFailedException($"could not write {file.StampPath} on the device: {stamp.ErrorText.Trim()}");
        return new FileTransfer(file.Kind, file.Sha256, file.SizeBytes, file.RemotePath, Pushed: true, verification, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<bool> IsPresentAsync(AdbDevice device, DeviceFile file, CancellationToken cancellationToken)
    {
        var stamp = await device.RunShellAsync(ShellCommand.Of("sh", "-c", "cat -- \"$1\" 2>/dev/null; true", "sh", file.StampPath), cancellationToken: cancellationToken);
        if (!string.Equals(stamp.OutputText.Trim(), file.Sha256, StringComparison.OrdinalIgnoreCase)) return false;
        var info = await device.StatAsync(file.RemotePath, cancellationToken);
        return info is { IsRegularFile: true } && info.Size == file.SizeBytes;
    }

    private static async Task<string> VerifyAsync(AdbDevice device, DeviceFile file, CancellationToken cancellationToken)
    {
        var sum = await device.RunShellAsync(ShellCommand.Of("sha256sum", file.RemotePath), cancellationToken: cancellationToken);
        if (sum.ExitCode == 127) return "unverified";
        var reported = sum.OutputText.Split([' ', '\t', '\n'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (!sum.Succeeded || reported is null) throw new PushFailedException($"sha256sum of {file.RemotePath} failed on the device (exit {sum.ExitCode}): {sum.ErrorText.Trim()}");
        if (!string.Equals(reported, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new PushFailedException($"{file.Kind} {file.RemotePath} has sha256 {reported} on the device after the push, expected {file.Sha256}");
        return "device_sha256sum";
    }
}
