using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Bench;

/// <summary>What was loaded: recorded with every result.</summary>
/// <param name="Name"><c>general.name</c>, or the file name.</param>
/// <param name="Architecture"><c>general.architecture</c> ("llama").</param>
/// <param name="MatrixType">Type of the block matrices: the variant (F16, Q8_0, Q4_0).</param>
/// <param name="FileType">Its ggml name ("q4_0").</param>
/// <param name="ParameterCount">Elements of every tensor.</param>
/// <param name="FileBytes">Size of the GGUF file.</param>
/// <param name="VocabSize">Tokens in the vocabulary.</param>
/// <param name="TrainedContextLength"><c>llama.context_length</c>.</param>
public sealed record BenchModelInfo(
    string Name,
    string Architecture,
    GgmlType MatrixType,
    string FileType,
    long ParameterCount,
    long FileBytes,
    int VocabSize,
    int TrainedContextLength);
