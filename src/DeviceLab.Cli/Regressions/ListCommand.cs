using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Reports;

namespace DeviceLab.Cli.Regressions;

/// <summary><c>devicelab regressions list</c>: the server's regressions as a table or JSON.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var api = new ApiOptions();
        var suite = new Option<string?>("--suite") { Description = "Only this suite (name)." };
        var status = new Option<string?>("--status") { Description = "open or closed." };
        var triage = new Option<string?>("--triage") { Description = "untriaged, acknowledged, invalid, fixed or wont_fix." };
        var direction = new Option<string?>("--direction") { Description = "regression or improvement." };
        var deviceModel = new Option<string?>("--device-model") { Description = "Only this device model, e.g. \"Pixel 8\"." };
        var variant = new Option<string?>("--variant") { Description = "Only this variant, e.g. Q4_0." };
        var metric = new Option<string?>("--metric") { Description = "Only this metric, e.g. decode_tokens_per_second." };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1–1000; default 100)." };
        var json = new Option<bool>("--json") { Description = "Write the API's JSON instead of a table." };

        var command = api.AddTo(new Command("list", "List regressions and improvements found by nightly detection, newest first.")
        {
            suite, status, triage, direction, deviceModel, variant, metric, limit, json,
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                using var client = api.CreateClient(parseResult);
                var list = await client.ListRegressionsAsync(new RegressionsApi.ListFilter(
                    parseResult.GetValue(status), parseResult.GetValue(triage), parseResult.GetValue(direction), parseResult.GetValue(suite),
                    parseResult.GetValue(deviceModel), Variant: parseResult.GetValue(variant), Metric: parseResult.GetValue(metric),
                    Limit: parseResult.GetValue(limit)), cancellationToken);
                if (parseResult.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(list, new JsonSerializerOptions(ApiClient.Json) { WriteIndented = true }));
                else WriteTable(list, output);
                return ApiExitCodes.Success;
            }
            catch (ApiException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return ApiExitCodes.ServerProblem;
            }
        });
        return command;
    }

    private static void WriteTable(RegressionList list, TextWriter output)
    {
        if (list.Items.Count == 0)
        {
            output.WriteLine("No regressions match.");
            return;
        }
        string[] header = ["id", "first bad", "suite", "device model", "model", "variant", "metric", "change", "p", "status", "triage"];
        var rows = list.Items.Select(r => new[]
        {
            r.Id.ToString(CultureInfo.InvariantCulture), r.FirstBadNight.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Suite, r.DeviceModel,
            r.Model, r.Variant, r.Metric, Change(r), r.PValue?.ToString("G2", CultureInfo.InvariantCulture) ?? "-",
            SnakeCaseJsonEnum<RegressionStatus>.NameOf(r.Status), SnakeCaseJsonEnum<TriageState>.NameOf(r.Triage),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(row => row[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(list.Total > list.Items.Count ? $"{list.Items.Count} of {list.Total} shown (--limit for more)." : $"{list.Total} in all.");
        if (list.Items.Any(r => r.MeasuredOnVirtualDevices)) output.WriteLine("Some series were measured on DeviceLab virtual devices, not phones.");
    }

    private static string Change(RegressionReport r)
    {
        var kind = r.Direction == RegressionDirection.Regression ? "worse" : "better";
        return r.RelativeChange.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) + " " + kind;
    }
}
