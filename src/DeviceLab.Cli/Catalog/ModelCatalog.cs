using System.Text.Json;
using System.Text.RegularExpressions;
using DeviceLab.Engine.Synthesis;

namespace DeviceLab.Cli.Catalog;

/// <summary>
/// The model catalog: one JSON file per model in a folder (<c>models/</c> of the repository by default,
/// <c>--catalog DIR</c> or <c>DEVICELAB_CATALOG</c> otherwise). Every file is checked when it is read, and a bad one is
/// named with what is wrong (docs/decisions/0120).
/// </summary>
public sealed partial class ModelCatalog(string folder, IReadOnlyList<CatalogEntry> entries)
{
    public const string FolderVariable = "DEVICELAB_CATALOG";

    /// <summary>Quantizations a catalog entry may ask for (the server builds these).</summary>
    public static readonly IReadOnlyList<string> BuildableVariants = ["f32", "f16", "q8_0", "q4_0"];

    /// <summary>The architecture DeviceLab's engine runs.</summary>
    public const string RunnableArchitecture = "llama";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public string Folder { get; } = folder;

    public IReadOnlyList<CatalogEntry> Entries { get; } = entries;

    /// <summary>The entry named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="CatalogException">No such entry; the message lists the names there are.</exception>
    public CatalogEntry Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new CatalogException(
            $"The catalog {Folder} has no model '{name}'; it has: {string.Join(", ", Entries.Select(e => e.Name).Order())}.");

    /// <summary>The catalog folder to use: <paramref name="requested"/>, else $DEVICELAB_CATALOG, else <c>models/</c> of the
    /// repository this CLI was built in, else <c>models/</c> in the working folder.</summary>
    public static string Locate(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return Path.GetFullPath(requested);
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } variable) return Path.GetFullPath(variable);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceLab.slnx"))) return Path.Combine(dir.FullName, "models");
        }
        return Path.GetFullPath("models");
    }

    /// <summary>Reads every <c>*.json</c> file of <paramref name="folder"/>.</summary>
    /// <exception cref="CatalogException">No such folder, or a file that is not a valid entry (the message names it).</exception>
    public static ModelCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new CatalogException($"There is no model catalog folder {folder}; pass --catalog DIR or set {FolderVariable}.");
        var entries = new List<CatalogEntry>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var entry = Parse(File.ReadAllText(file), Path.GetFileName(file));
            if (entries.Any(e => string.Equals(e.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
                throw new CatalogException($"{Path.GetFileName(file)}: the name '{entry.Name}' is already used by another catalog file.");
            entries.Add(entry);
        }
        return new ModelCatalog(folder, entries);
    }

    /// <summary>Parses and checks one catalog file's text.</summary>
    /// <exception cref="CatalogException">Not valid JSON, or a rule broken (the message starts with <paramref name="fileName"/>).</exception>
    public static CatalogEntry Parse(string json, string fileName)
    {
        CatalogEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<CatalogEntry>(json, Json);
        }
        catch (JsonException e)
        {
            throw new CatalogException($"{fileName}: not a catalog entry ({e.Message})");
        }
        if (entry is null) throw new CatalogException($"{fileName}: the file is JSON null, not a catalog entry.");
        var problem = ProblemOf(entry);
        return problem is null ? entry : throw new CatalogException($"{fileName}: {problem}");
    }

    private static string? ProblemOf(CatalogEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Name) || !NamePattern().IsMatch(entry.Name))
            return $"the name '{entry.Name}' must be 1–100 lower-case letters, digits, '.', '-' or '_'.";
        if (entry.Source is null || (entry.Source.Synthetic is null) == (entry.Source.Download is null))
            return "the source must have exactly one of \"synthetic\" or \"download\".";
        if (entry.Variants is null) return "\"variants\" is missing (use [] to build none).";
        if (entry.Variants.FirstOrDefault(v => !BuildableVariants.Contains(v?.ToLowerInvariant())) is { } bad)
            return $"the variant '{bad}' cannot be built; use {string.Join(", ", BuildableVariants)}.";
        if (entry.Source.Synthetic is { } synthetic)
        {
            if (!SyntheticShapes.All.Any(s => s.Name == synthetic.Shape))
                return $"the synthetic shape '{synthetic.Shape}' is unknown; known: {string.Join(", ", SyntheticShapes.All.Select(s => s.Name))}.";
            if (synthetic.Type is not ("f16" or "f32")) return $"the synthetic type '{synthetic.Type}' must be f16 or f32.";
        }
        if (entry.Source.Download is { } download)
        {
            if (!Uri.TryCreate(download.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                return $"the download url '{download.Url}' is not an http(s) address.";
            if (download.Sha256 is not null && !Sha256Pattern().IsMatch(download.Sha256))
                return $"the sha256 '{download.Sha256}' is not 64 hexadecimal characters (use null when it is not known, and say why in sha256Note).";
            if (download.Sha256 is null && string.IsNullOrWhiteSpace(download.Sha256Note))
                return "a download without a sha256 needs a sha256Note saying why it is missing.";
            if (download.Type is not ("f16" or "f32"))
                return $"the download type '{download.Type}' must be f16 or f32: variants are built from an F16/F32 file.";
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}

/// <summary>A catalog that cannot be read or used; the message is one line naming the file and the problem.</summary>
public sealed class CatalogException(string message) : Exception(message);
