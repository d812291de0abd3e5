namespace DeviceLab.Agent.Tests;

/// <summary>
/// Tests that read this process's real peak memory (VmHWM) run alone: a test allocating in parallel would move
/// the process-wide figure they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "process memory";
}
