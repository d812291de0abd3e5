using System.Security.Cryptography;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Benchmark;

/// <summary>Checks a variant file before use: it exists, can be read, and its sha256 is the expected one.</summary>
public static class VariantVerifier
{
    /// <summary>Returns the file's lower-case hex sha256 and size.</summary>
    /// <exception cref="AgentInputException">Missing or unreadable file, or a sha256 mismatch.</exception>
    public static async Task<(string Sha256, long Bytes)> VerifyAsync(VariantFile variant, CancellationToken cancellationToken)
    {
        if (!File.Exists(variant.Path))
            throw new AgentInputException(AgentErrorCodes.VariantMissing, $"variant file {variant.Path} does not exist", variant.Label);
        string actual;
        long bytes;
        try
        {
            await using var stream = new FileStream(variant.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            bytes = stream.Length;
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentInputException(AgentErrorCodes.VariantUnreadable, $"variant file {variant.Path} cannot be read: {e.Message}", variant.Label, e);
        }
        if (variant.ExpectedSha256 is { } expected && !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new AgentInputException(AgentErrorCodes.Sha256Mismatch,
                $"sha256 of {variant.Path} is {actual}, expected {expected.ToLowerInvariant()}", variant.Label);
        }
        return (actual, bytes);
    }
}
