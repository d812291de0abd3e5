using DeviceLab.Cli.Api;
using DeviceLab.Core.Models;

namespace DeviceLab.Cli.Models;

/// <summary>A model as <c>/api/v1/models</c> shows it (the server's ModelView).</summary>
public sealed record ModelInfo(
    long Id, string Name, string? Architecture, long? ParameterCount, string? Description, DateTimeOffset CreatedAt,
    IReadOnlyList<VariantInfo> Variants);

/// <summary>A variant as the server shows it (its VariantView).</summary>
/// <param name="ParentVariantId">The variant it was built from; null for the uploaded one.</param>
/// <param name="SizeBytes">Size of its GGUF file, once ready.</param>
public sealed record VariantInfo(
    long Id, long ModelId, QuantType QuantType, long? ParentVariantId, VariantBuildStatus BuildStatus,
    string? Sha256, long? SizeBytes, string? BuildError, DateTimeOffset CreatedAt, string? DownloadUrl)
{
    /// <summary>"Q4_0": the name users know.</summary>
    public string QuantName => QuantType.ToString().ToUpperInvariant();
}

/// <summary>The model calls of the DeviceLab API.</summary>
public static class ModelsApi
{
    public static Task<List<ModelInfo>> ListModelsAsync(this ApiClient client, CancellationToken cancellationToken) =>
        client.GetAsync<List<ModelInfo>>("api/v1/models", cancellationToken);

    public static Task<ModelInfo> GetModelAsync(this ApiClient client, long id, CancellationToken cancellationToken) =>
        client.GetAsync<ModelInfo>($"api/v1/models/{id}", cancellationToken);

    /// <summary>The model named or numbered <paramref name="nameOrId"/>.</summary>
    /// <exception cref="ApiException">No such model (<see cref="ApiFailure.NotFound"/>, the message lists some that exist).</exception>
    public static async Task<ModelInfo> FindModelAsync(this ApiClient client, string nameOrId, CancellationToken cancellationToken)
    {
        if (long.TryParse(nameOrId, out var id)) return await client.GetModelAsync(id, cancellationToken);
        var models = await client.ListModelsAsync(cancellationToken);
        return models.FirstOrDefault(m => string.Equals(m.Name, nameOrId.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ApiException(ApiFailure.NotFound, models.Count == 0
                ? $"There is no model '{nameOrId}' on {client.Endpoint.Server}: the server has no models yet (devicelab models upload FILE)."
                : $"There is no model '{nameOrId}' on {client.Endpoint.Server}; it has: {string.Join(", ", models.Select(m => m.Name).Take(20))}.", 404);
    }

    /// <summary>Streams <paramref name="path"/> to <c>POST /api/v1/models</c> (raw body; never read whole into memory).</summary>
    /// <param name="progress">Bytes sent so far.</param>
    public static Task<ModelInfo> UploadModelAsync(
        this ApiClient client, string path, string? name, string? description, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(name)) query.Add("name=" + Uri.EscapeDataString(name.Trim()));
        if (!string.IsNullOrWhiteSpace(description)) query.Add("description=" + Uri.EscapeDataString(description.Trim()));
        var content = new FileUploadContent(path, progress);
        return client.SendContentAsync<ModelInfo>(HttpMethod.Post, "api/v1/models" + (query.Count == 0 ? "" : "?" + string.Join('&', query)),
            content, cancellationToken);
    }

    /// <summary>Asks for variants of <paramref name="modelId"/> (built in the background; poll the model).</summary>
    public static Task<List<VariantInfo>> BuildVariantsAsync(
        this ApiClient client, long modelId, IReadOnlyList<string> quants, CancellationToken cancellationToken) =>
        client.SendAsync<List<VariantInfo>>(HttpMethod.Post, $"api/v1/models/{modelId}/variants:build", new { quants }, cancellationToken);
}
