namespace DeviceLab.Engine.Gguf;

/// <summary>Progress of a tool writing a GGUF file tensor by tensor.</summary>
/// <param name="TensorName">The tensor just finished.</param>
/// <param name="TensorsDone">Tensors finished so far (1-based count).</param>
/// <param name="TensorCount">Tensors in the file.</param>
/// <param name="BytesDone">Tensor data bytes written so far.</param>
/// <param name="TotalBytes">Tensor data bytes the file will hold.</param>
public sealed record GgufWriteProgress(string TensorName, int TensorsDone, int TensorCount, long BytesDone, long TotalBytes);
