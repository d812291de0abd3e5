namespace DeviceLab.Engine.Llama;

/// <summary>Receives the (vocab) logits after the token at <paramref name="index"/> of an evaluated batch.</summary>
public delegate void TokenLogits(int index, ReadOnlySpan<float> logits);
