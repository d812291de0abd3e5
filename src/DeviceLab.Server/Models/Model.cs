namespace DeviceLab.Server.Models;

/// <summary>An LLM uploaded to DeviceLab (e.g. a llama-family GGUF); its <see cref="Variants"/> are what devices run.</summary>
public sealed class Model
{
    public long Id { get; set; }

    /// <summary>Unique display name, e.g. <c>tinyllama-1.1b-chat</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Architecture from the GGUF metadata, e.g. <c>llama</c>.</summary>
    public string? Architecture { get; set; }

    public long? ParameterCount { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<Variant> Variants { get; set; } = [];
}
