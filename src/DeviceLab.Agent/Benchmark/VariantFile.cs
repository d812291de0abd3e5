namespace DeviceLab.Agent.Benchmark;

/// <summary>A variant file the benchmark is asked to run, with the sha256 the caller expects (if given).</summary>
public sealed record VariantFile(string Label, string Path, string? ExpectedSha256);
