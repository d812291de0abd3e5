using DeviceLab.Cli.Api;
using DeviceLab.Cli.Models;
using DeviceLab.Cli.Models.Build;
using DeviceLab.Cli.Models.Upload;
using DeviceLab.Cli.Terminal;

namespace DeviceLab.Cli.Catalog;

/// <summary>
/// Puts a catalog model on a server: uploads its file unless a model of that name with that file (sha256) is there
/// already, then builds the entry's variants and waits for them. Running it twice does the work once.
/// </summary>
internal static class CatalogInstall
{
    /// <returns>The model with its variants, and the build's exit code (0, or <see cref="BuildCommand.BuildFailed"/> / <see cref="BuildCommand.TimedOut"/>).</returns>
    public static async Task<(ModelInfo Model, int ExitCode)> InstallAsync(
        ApiClient client, CommandTerminal terminal, CatalogEntry entry, CatalogModelFile file, TimeSpan buildTimeout, CancellationToken cancellationToken)
    {
        var models = await client.ListModelsAsync(cancellationToken);
        var model = models.FirstOrDefault(m => string.Equals(m.Name, entry.Name, StringComparison.OrdinalIgnoreCase)
                                               && m.Variants.Any(v => v.ParentVariantId is null && v.Sha256 == file.Sha256));
        if (model is null)
            model = await UploadCommand.UploadAsync(client, terminal, file.Path, entry.Name, entry.Description, cancellationToken);
        else
            terminal.Error.WriteLine($"Model {model.Name} (id {model.Id}) is on the server already with this file (sha256 {file.Sha256[..12]}…).");
        if (entry.Variants.Count == 0) return (model, ApiExitCodes.Success);

        var wanted = entry.Variants.Select(v => v.ToLowerInvariant()).ToList();
        var ready = model.Variants.Where(v => v.BuildStatus == Core.Models.VariantBuildStatus.Ready && wanted.Contains(v.QuantName.ToLowerInvariant())).ToList();
        if (ready.Count == wanted.Count) return (model, ApiExitCodes.Success);
        var requested = await client.BuildVariantsAsync(model.Id, wanted, cancellationToken);
        return await BuildCommand.WaitAsync(client, terminal, model.Id, requested.Select(v => v.Id).ToList(), buildTimeout, cancellationToken);
    }
}
