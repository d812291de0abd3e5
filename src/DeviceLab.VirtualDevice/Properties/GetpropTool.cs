namespace DeviceLab.VirtualDevice.Properties;

/// <summary>
/// The device's <c>getprop</c>: a small /bin/sh script first on the shell's PATH, reading the
/// property file written next to it. <c>getprop</c> lists <c>[key]: [value]</c>; <c>getprop key</c>
/// prints the value (or the given default, or an empty line), as on a phone.
/// </summary>
internal static class GetpropTool
{
    private const string Script = """
        #!/bin/sh
        # getprop of a DeviceLab virtual device: answers from the property file next to this folder.
        props="$(dirname "$0")/../properties"
        if [ "$#" -eq 0 ]; then
          while IFS= read -r line; do
            printf '[%s]: [%s]\n' "${line%%=*}" "${line#*=}"
          done < "$props"
          exit 0
        fi
        while IFS= read -r line; do
          case "$line" in
            "$1="*) printf '%s\n' "${line#*=}"; exit 0 ;;
          esac
        done < "$props"
        printf '%s\n' "${2-}"

        """;

    /// <summary>Writes the script and the property file under <paramref name="stateFolder"/>; returns the folder to put on PATH.</summary>
    public static string Install(string stateFolder, IReadOnlyDictionary<string, string> properties)
    {
        var bin = Path.Combine(stateFolder, "bin");
        Directory.CreateDirectory(bin);
        var lines = properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}\n");
        File.WriteAllText(Path.Combine(stateFolder, "properties"), string.Concat(lines));
        var script = Path.Combine(bin, "getprop");
        File.WriteAllText(script, Script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                     UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return bin;
    }
}
