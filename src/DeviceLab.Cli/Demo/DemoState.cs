using System.Security.Cryptography;
using System.Text.Json;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// What the demo keeps in its data folder between starts (<c>demo.json</c>, mode 0600): the loopback ports of its adb
/// server and virtual devices — the same ports mean the same device serials, so a second start finds its devices, their
/// pushed files and their history again — and the API key the demo's server trusts (docs/decisions/0121).
/// </summary>
internal sealed record DemoState(int? AdbPort, IReadOnlyList<int> DevicePorts, string ApiKey)
{
    public const string FileName = "demo.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The saved state, or a fresh one (new API key, no ports) when there is none or it cannot be read.</summary>
    public static DemoState Load(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        try
        {
            if (File.Exists(path) && JsonSerializer.Deserialize<DemoState>(File.ReadAllText(path), Json) is { ApiKey.Length: > 0 } state)
                return state with { DevicePorts = state.DevicePorts ?? [] };
        }
        catch (JsonException)
        {
            // A damaged file: start afresh (new key, new ports); the database and models are kept.
        }
        return new DemoState(null, [], NewApiKey());
    }

    public void Save(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        File.Delete(path);
        var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, mode);
        writer.Write(JsonSerializer.Serialize(this, Json));
    }

    /// <summary>A DeviceLab API key: <c>dlk_</c> and 32 random bytes in base64url (the server's format).</summary>
    public static string NewApiKey() =>
        "dlk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
