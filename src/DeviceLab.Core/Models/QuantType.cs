namespace DeviceLab.Core.Models;

/// <summary>
/// How a variant's weights are stored. The names are the GGUF / llama.cpp names users know
/// (<c>Q4_0</c>, not "int4"); the database stores them in lower case (<c>q4_0</c>).
/// </summary>
public enum QuantType
{
    F32,
    F16,
    Q8_0,
    Q4_0,
    Q4_K,
}
