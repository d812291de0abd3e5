namespace DeviceLab.Server.AgentBuilds;

/// <summary>
/// Device ABIs as Android names them (<c>ro.product.cpu.abi</c>: <c>arm64-v8a</c>, <c>x86_64</c> …), which is what
/// <c>devices.abi</c> holds. .NET runtime identifiers (<c>linux-x64</c>, <c>linux-bionic-arm64</c>), the folders a
/// NativeAOT publish writes to, are accepted and translated.
/// </summary>
public static class AgentAbi
{
    /// <summary>Android ABI → ELF e_machine of its executables.</summary>
    private static readonly Dictionary<string, ushort> Machines = new(StringComparer.Ordinal)
    {
        ["arm64-v8a"] = 183, // EM_AARCH64
        ["armeabi-v7a"] = 40, // EM_ARM
        ["x86_64"] = 62, // EM_X86_64
        ["x86"] = 3, // EM_386
    };

    private static readonly Dictionary<string, string> RuntimeIdentifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["linux-x64"] = "x86_64", ["linux-bionic-x64"] = "x86_64", ["linux-musl-x64"] = "x86_64",
        ["linux-arm64"] = "arm64-v8a", ["linux-bionic-arm64"] = "arm64-v8a", ["linux-musl-arm64"] = "arm64-v8a",
        ["linux-arm"] = "armeabi-v7a", ["linux-bionic-arm"] = "armeabi-v7a",
        ["linux-x86"] = "x86",
    };

    public static IReadOnlyCollection<string> Known => Machines.Keys;

    /// <summary>The Android ABI for an ABI or runtime identifier, or null when DeviceLab does not know it.</summary>
    public static string? Normalize(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (Machines.ContainsKey(trimmed)) return trimmed;
        return RuntimeIdentifiers.GetValueOrDefault(trimmed);
    }

    /// <summary>ELF e_machine of executables for <paramref name="abi"/> (a normalized ABI).</summary>
    public static ushort MachineOf(string abi) => Machines[abi];

    /// <summary>The ABI whose executables have this e_machine, for messages.</summary>
    public static string? OfMachine(ushort machine) => Machines.FirstOrDefault(p => p.Value == machine).Key;
}
