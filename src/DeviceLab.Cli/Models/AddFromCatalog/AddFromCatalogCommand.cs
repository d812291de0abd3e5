using System.CommandLine;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Catalog;

namespace DeviceLab.Cli.Models.AddFromCatalog;

/// <summary><c>devicelab models add-from-catalog NAME</c>: synthesize or download a catalog model, upload it, build its variants.</summary>
public static class AddFromCatalogCommand
{
    public static Command Create()
    {
        var api = new ApiOptions();
        var name = new Argument<string>("NAME") { Description = "The catalog entry (devicelab models catalog lists them)." };
        var catalog = new Option<string?>("--catalog") { HelpName = "DIR", Description = $"Catalog folder (default: ${ModelCatalog.FolderVariable}, else models/ of this repository)." };
        var cache = new Option<string?>("--cache") { HelpName = "DIR", Description = "Where model files are kept between runs (default: ~/.cache/devicelab/models)." };
        var timeout = new Option<double>("--timeout") { Description = "Longest wait for the variant builds, seconds.", HelpName = "SECONDS", DefaultValueFactory = _ => 1800 };
        var json = new Option<bool>("--json") { Description = "Write the model with its variants as JSON (the API's shape) at the end." };
        var command = api.AddTo(new Command("add-from-catalog", """
            [server] Put a model of the catalog (models/*.json) on the server: synthesize it (synthetic entries: deterministic,
            no network) or download it (resumed when interrupted, checked against the entry's sha256), upload it unless the
            server has it already (same name and sha256), build the entry's variants and wait for them. Run it again at
            any time: it only does what is missing.

            Examples:
              devicelab models add-from-catalog smollm-135m-synthetic
              devicelab models add-from-catalog smollm2-135m-instruct --cache /data/models

            Exit codes: 0 model and variants ready, 1 invalid command line, unknown catalog entry, failed download or sha256
            mismatch, 2 a variant build failed, 3 builds not ready within --timeout, 4 server problem.
            """)
        {
            name, catalog, cache, timeout, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var entry = ModelCatalog.Load(ModelCatalog.Locate(parse.GetValue(catalog))).Find(parse.GetValue(name)!);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var file = await CatalogModelFile.ObtainAsync(entry, parse.GetValue(cache) ?? CatalogModelFile.DefaultCacheFolder, terminal, http, cancellationToken);
            var (model, exitCode) = await CatalogInstall.InstallAsync(client, terminal, entry, file, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            if (parse.GetValue(json)) terminal.WriteJson(model);
            else ModelText.Write(terminal, model);
            return exitCode;
        }, timeout: Timeout.InfiniteTimeSpan));
        return command;
    }
}
