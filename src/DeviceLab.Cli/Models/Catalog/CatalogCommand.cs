using System.CommandLine;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Catalog;
using DeviceLab.Cli.Terminal;
using Spectre.Console;

namespace DeviceLab.Cli.Models.Catalog;

/// <summary><c>devicelab models catalog</c>: the catalog's entries (local, no server).</summary>
public static class CatalogCommand
{
    public static Command Create()
    {
        var catalog = new Option<string?>("--catalog") { HelpName = "DIR", Description = $"Catalog folder (default: ${ModelCatalog.FolderVariable}, else models/ of this repository)." };
        var json = new Option<bool>("--json") { Description = "Write the entries as JSON." };
        var command = new Command("catalog", """
            [local] List the model catalog (one JSON file per model in models/): each entry's source (synthetic recipe, or
            download URL with its sha256 or why it is not verified) and the variants add-from-catalog builds.

            Example:
              devicelab models catalog

            Exit codes: 0 listed, 1 invalid command line or an invalid catalog file (the message names it).
            """)
        {
            catalog, json,
        };
        command.SetAction(parse =>
        {
            var terminal = CommandTerminal.For(parse);
            try
            {
                var loaded = ModelCatalog.Load(ModelCatalog.Locate(parse.GetValue(catalog)));
                if (parse.GetValue(json))
                {
                    terminal.WriteJson(loaded.Entries);
                    return ApiExitCodes.Success;
                }
                var table = new Table().AddColumns("name", "source", "sha256", "variants");
                foreach (var entry in loaded.Entries)
                {
                    var source = entry.Source.Synthetic is { } s
                        ? $"synthetic {s.Shape}, seed {s.Seed}, {s.Type}"
                        : $"{entry.Source.Download!.Url} ({entry.Source.Download.Architecture})";
                    var sha = entry.Source.Synthetic is not null ? "(generated)" : entry.Source.Download!.Sha256 ?? "not verified";
                    table.AddRow(Markup.Escape(entry.Name), Markup.Escape(source), Markup.Escape(sha), Markup.Escape(string.Join(", ", entry.Variants)));
                }
                terminal.Results.Write(table);
                return ApiExitCodes.Success;
            }
            catch (CatalogException e)
            {
                terminal.Fail(e.Message);
                return ApiExitCodes.InvalidCommandLine;
            }
        });
        return command;
    }
}
