namespace DeviceLab.Adb.Protocol;

/// <summary>What a connection is being used for, so every error can name the device and the operation.</summary>
/// <param name="Serial">The device, or null for a server-only request.</param>
/// <param name="Description">Human words, e.g. <c>shell 'ls -l'</c> or <c>host:version</c>.</param>
internal readonly record struct AdbOperation(string? Serial, string Description)
{
    public static AdbOperation Host(string request) => new(null, request);

    public override string ToString() =>
        Serial is null ? Description : $"{Description} on device '{Serial}'";
}
