namespace DeviceLab.Server.Runs.Execution.Device;

/// <summary>A content-addressed file the attempt needs on the device (agent build, variant, evaluation text).</summary>
/// <param name="Kind"><c>agent</c>, <c>variant</c> or <c>evaluation_text</c>.</param>
/// <param name="Sha256">Lower-case hex; names its folder on the device.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="RemoteDirectory">Folder on the device, named by the sha256.</param>
/// <param name="FileName">File name inside it.</param>
/// <param name="Open">Opens the local bytes.</param>
/// <param name="Executable">Pushed with mode 0755 (the agent).</param>
public sealed record DeviceFile(string Kind, string Sha256, long SizeBytes, string RemoteDirectory, string FileName, Func<Stream> Open, bool Executable = false)
{
    public string RemotePath => $"{RemoteDirectory}/{FileName}";

    /// <summary>Written after a push was verified: its presence with the right content means "this device has these bytes".</summary>
    public string StampPath => $"{RemoteDirectory}/.sha256";
}

/// <summary>What ensuring one file did.</summary>
/// <param name="Pushed">False when the device already had it.</param>
/// <param name="Verification">How the pushed bytes were checked: <c>device_sha256sum</c>, or <c>unverified</c> when the device has no sha256sum.</param>
public sealed record FileTransfer(string Kind, string Sha256, long SizeBytes, string RemotePath, bool Pushed, string? Verification, double Ms);
