using DeviceLab.Cli.Catalog;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Catalog;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("catalog");

    [Fact]
    public void The_repository_catalog_has_the_demo_model_and_the_three_downloads()
    {
        var catalog = ModelCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "models"));

        var demo = catalog.Find("smollm-135m-synthetic");
        Assert.Equal(new SyntheticSource("smollm-135m", 1, "f16"), demo.Source.Synthetic);
        Assert.Equal(["q8_0", "q4_0"], demo.Variants);
        var downloads = catalog.Entries.Where(e => e.Source.Download is not null).ToList();
        Assert.Equal(["llama-3.2-1b-instruct", "qwen2.5-0.5b-instruct", "smollm2-135m-instruct"], downloads.Select(e => e.Name).Order());
        Assert.All(downloads, e => Assert.StartsWith("https://huggingface.co/", e.Source.Download!.Url));
        // No invented checksums: each is either a real sha256 or null with the reason.
        Assert.All(downloads, e => Assert.True(e.Source.Download!.Sha256 is { Length: 64 } || e.Source.Download.Sha256Note is { Length: > 0 }));
    }

    [Fact]
    public void An_unknown_name_lists_the_names_there_are()
    {
        var catalog = ModelCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "models"));

        var error = Assert.Throws<CatalogException>(() => catalog.Find("smollm-9000"));

        Assert.Contains("has no model 'smollm-9000'; it has: llama-3.2-1b-instruct, qwen2.5-0.5b-instruct, smollm-135m-synthetic, smollm2-135m-instruct.", error.Message);
    }

    [Theory]
    [InlineData("""{ "name": "x", "source": { }, "variants": [] }""", "exactly one of \"synthetic\" or \"download\"")]
    [InlineData("""{ "name": "Big Model", "source": { "synthetic": { "shape": "tiny", "seed": 1 } }, "variants": [] }""", "the name 'Big Model' must be")]
    [InlineData("""{ "name": "x", "source": { "synthetic": { "shape": "huge", "seed": 1 } }, "variants": [] }""", "the synthetic shape 'huge' is unknown")]
    [InlineData("""{ "name": "x", "source": { "synthetic": { "shape": "tiny", "seed": 1 } }, "variants": ["q3_k"] }""", "the variant 'q3_k' cannot be built")]
    [InlineData("""{ "name": "x", "source": { "download": { "url": "ftp://a/b.gguf", "sha256Note": "n" } }, "variants": [] }""", "is not an http(s) address")]
    [InlineData("""{ "name": "x", "source": { "download": { "url": "https://a/b.gguf", "sha256": "abc" } }, "variants": [] }""", "is not 64 hexadecimal characters")]
    [InlineData("""{ "name": "x", "source": { "download": { "url": "https://a/b.gguf" } }, "variants": [] }""", "needs a sha256Note saying why")]
    [InlineData("""{ "name": "x", "source": { "synthetic": { "shape": "tiny", "seed": 1 } }, "variants": [], "colour": "red" }""", "not a catalog entry")]
    [InlineData("""{ "name": "x", """, "not a catalog entry")]
    public void A_bad_entry_is_named_with_its_file_and_problem(string json, string problem)
    {
        File.WriteAllText(_folder.Combine("bad.json"), json);

        var error = Assert.Throws<CatalogException>(() => ModelCatalog.Load(_folder.Path));

        Assert.StartsWith("bad.json: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Two_files_with_one_name_are_refused_and_a_missing_folder_says_how_to_point_at_one()
    {
        const string entry = """{ "name": "twin", "source": { "synthetic": { "shape": "tiny", "seed": 1 } }, "variants": [] }""";
        File.WriteAllText(_folder.Combine("a.json"), entry);
        File.WriteAllText(_folder.Combine("b.json"), entry);

        Assert.Contains("b.json: the name 'twin' is already used", Assert.Throws<CatalogException>(() => ModelCatalog.Load(_folder.Path)).Message);
        Assert.Contains("pass --catalog DIR or set DEVICELAB_CATALOG",
            Assert.Throws<CatalogException>(() => ModelCatalog.Load(_folder.Combine("missing"))).Message);
    }

    [Fact]
    public void The_catalog_command_lists_every_entry_with_its_source()
    {
        var run = CliRun.Invoke("models", "catalog", "--catalog", Path.Combine(TestPaths.RepositoryRoot, "models"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("smollm-135m-synthetic", run.Output);
        Assert.Contains("synthetic smollm-135m, seed 1, f16", run.Output);
        Assert.Contains("not verified", run.Output);
    }

    public void Dispose() => _folder.Dispose();
}
