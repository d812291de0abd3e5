using System.Globalization;
using DeviceLab.Cli.Terminal;
using Spectre.Console;

namespace DeviceLab.Cli.Models;

/// <summary>A server model and its variants as a table.</summary>
internal static class ModelText
{
    public static void Write(CommandTerminal terminal, ModelInfo model)
    {
        terminal.Results.MarkupLine(
            $"model [bold]{Markup.Escape(model.Name)}[/] (id {model.Id}, {Markup.Escape(model.Architecture ?? "?")}, " +
            $"{(model.ParameterCount is { } p ? (p / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " M parameters" : "parameters unknown")})");
        var table = new Table().AddColumns("variant", "id", "status", "size MB", "sha256", "note");
        foreach (var variant in model.Variants)
        {
            table.AddRow(
                variant.QuantName + (variant.ParentVariantId is null ? " (uploaded)" : ""),
                variant.Id.ToString(CultureInfo.InvariantCulture),
                variant.BuildStatus.ToString().ToLowerInvariant(),
                variant.SizeBytes is { } size ? (size / 1e6).ToString("0.0", CultureInfo.InvariantCulture) : "-",
                variant.Sha256 is { } sha ? sha[..12] + "…" : "-",
                Markup.Escape(variant.BuildError ?? ""));
        }
        terminal.Results.Write(table);
    }
}
