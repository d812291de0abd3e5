using System.Globalization;

namespace DeviceLab.Agent.Telemetry;

/// <summary>
/// Reads one small procfs / sysfs file. Every failure (missing file, permission denied, a value that is
/// not a number, an I/O error the kernel driver returns) becomes a reason string naming the file, never an exception.
/// </summary>
public static class KernelFile
{
    /// <summary>The trimmed text of <paramref name="path"/>, or null with <paramref name="problem"/> set.</summary>
    public static string? ReadText(string path, out string? problem)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            problem = null;
            return text;
        }
        catch (FileNotFoundException) { problem = $"{path} does not exist"; }
        catch (DirectoryNotFoundException) { problem = $"{path} does not exist"; }
        catch (UnauthorizedAccessException) { problem = $"{path}: permission denied"; }
        catch (IOException e) { problem = $"{path}: {e.Message}"; }
        return null;
    }

    /// <summary>The file's content as an integer, or null with <paramref name="problem"/> set.</summary>
    public static long? ReadInteger(string path, out string? problem)
    {
        var text = ReadText(path, out problem);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        problem = $"{path}: '{Shorten(text)}' is not an integer";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
