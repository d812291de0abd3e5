namespace DeviceLab.Engine.Tensors;

/// <summary>
/// Tensor element types, numbered exactly as ggml numbers them in GGUF tensor infos.
/// The engine computes with F32, F16, Q8_0 and Q4_0; the others are named so a reader can say
/// precisely which unsupported type a file uses.
/// </summary>
public enum GgmlType : uint
{
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    BF16 = 30,
}
