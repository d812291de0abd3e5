using System.CommandLine;
using DeviceLab.Engine.Gguf;

namespace DeviceLab.Cli.Models;

/// <summary>
/// Runs a model command body and turns the failures a user can cause (a corrupt file, a missing file,
/// a bad option value) into one line on stderr and exit code 1; anything else is a bug and propagates.
/// </summary>
internal static class ModelCommandAction
{
    public const int Failed = 1;

    public static int Run(ParseResult parseResult, Func<TextWriter, int> body)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return body(output);
        }
        catch (Exception e) when (e is GgufFormatException or InvalidDataException or FileNotFoundException
                                      or DirectoryNotFoundException or ArgumentException or NotSupportedException
                                      or UnauthorizedAccessException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }

    /// <summary>"326.9 MB" (decimal megabytes, as file sizes in ENGINE-TARGETS.md).</summary>
    public static string Megabytes(long bytes) => $"{bytes / 1e6:0.0} MB";
}
