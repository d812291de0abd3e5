namespace DeviceLab.Core.AgentProtocol;

/// <summary>One model variant file as the agent verified and loaded it.</summary>
/// <param name="Label">Short name used in every event of the run (<c>variant</c> fields).</param>
/// <param name="Path">File path on the device.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file, computed by the agent.</param>
/// <param name="FileBytes">File size.</param>
/// <param name="Architecture">Model architecture (<c>llama</c>).</param>
/// <param name="FileType">Quantization / file type as the engine names it (<c>Q4_0</c>, <c>F16</c>).</param>
/// <param name="ParameterCount">Number of weights.</param>
/// <param name="VocabularySize">Tokenizer vocabulary size.</param>
/// <param name="ContextLength">Context length the session was created with.</param>
/// <param name="KernelPath">SIMD path the engine chose (<c>avx512</c>, <c>avx2</c>, <c>neon</c>, <c>scalar</c>).</param>
/// <param name="Threads">Threads the engine runs with.</param>
/// <param name="PlannedMemoryBytes">Memory the engine planned (weights it keeps resident, KV cache, scratch).</param>
public sealed record VariantDescriptor(
    string Label, string Path, string Sha256, long FileBytes,
    string Architecture, string FileType, long ParameterCount, int VocabularySize, int ContextLength,
    string KernelPath, int Threads, long PlannedMemoryBytes);
