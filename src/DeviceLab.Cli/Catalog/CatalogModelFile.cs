using DeviceLab.Cli.Terminal;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Cli.Catalog;

/// <summary>A catalog model's GGUF file on this machine, made (synthesized or downloaded) when the cache lacks it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Sha256">Its content hash (hex, lower case).</param>
/// <param name="Verified">False for a download whose catalog entry has no sha256 to check against.</param>
internal sealed record CatalogModelFile(string Path, string Sha256, bool Verified)
{
    /// <summary>$XDG_CACHE_HOME/devicelab/models, else ~/.cache/devicelab/models.</summary>
    public static string DefaultCacheFolder =>
        System.IO.Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "devicelab", "models");

    /// <exception cref="CatalogException">An architecture the engine does not run, or a failed download.</exception>
    public static async Task<CatalogModelFile> ObtainAsync(
        CatalogEntry entry, string cacheFolder, CommandTerminal terminal, HttpClient http, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheFolder);
        if (entry.Source.Synthetic is { } synthetic) return await SynthesizeAsync(entry.Name, synthetic, cacheFolder, terminal, cancellationToken);

        var download = entry.Source.Download!;
        if (download.Architecture != ModelCatalog.RunnableArchitecture)
            throw new CatalogException(
                $"{entry.Name} is a {download.Architecture} model; DeviceLab's engine runs {ModelCatalog.RunnableArchitecture} models only, so it is not downloaded.");
        var path = System.IO.Path.Combine(cacheFolder, System.IO.Path.GetFileName(new Uri(download.Url).AbsolutePath));
        var sha256 = await ProgressBoard.RunAsync(terminal, bytes: true, async board =>
        {
            var line = board.Add($"download {System.IO.Path.GetFileName(path)}", 1);
            var result = await new CatalogDownload(http).FetchAsync(download, path, (received, total) => line.Update(received, max: total ?? received + 1), cancellationToken);
            line.Finish($"downloaded {System.IO.Path.GetFileName(path)} ({new FileInfo(path).Length / 1e6:0.0} MB)");
            return result;
        });
        if (download.Sha256 is null)
            terminal.Error.WriteLine(
                $"warning: the catalog has no sha256 for {entry.Name} ({download.Sha256Note}); the file's sha256 is {sha256}. Check it against {download.Url} and add it to the catalog entry.");
        return new CatalogModelFile(path, sha256, download.Sha256 is not null);
    }

    private static async Task<CatalogModelFile> SynthesizeAsync(
        string name, SyntheticSource source, string cacheFolder, CommandTerminal terminal, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(cacheFolder, $"{name}-{source.Shape}-seed{source.Seed}-{source.Type}.gguf");
        if (!File.Exists(path))
        {
            terminal.Error.WriteLine($"Generating {name} ({source.Shape}, seed {source.Seed}, {source.Type}) …");
            var temporary = path + ".partial";
            GgmlTypes.TryParse(source.Type, out var type);
            await Task.Run(() => SyntheticModel.Write(temporary, SyntheticShapes.ByName(source.Shape), source.Seed, type), cancellationToken);
            File.Move(temporary, path, overwrite: true); // the same recipe always gives the same bytes: a file in place is complete
        }
        return new CatalogModelFile(path, await CatalogDownload.Sha256Of(path, cancellationToken), Verified: true);
    }
}
