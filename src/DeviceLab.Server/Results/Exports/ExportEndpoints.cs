using System.Text;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;

namespace DeviceLab.Server.Results.Exports;

/// <summary><c>/api/v1/exports</c>: compare, series and a run's results as CSV or JSON files; a run's results also as llama-bench JSON.</summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup("/api/v1/exports").WithTags("Exports").RequireAuthorization(DeviceLabPolicies.Viewer);
        exports.MapGet("/compare", CompareAsync).WithSummary("The comparison (same filters as /results/compare) as ?format=csv|json.");
        exports.MapGet("/series", SeriesAsync).WithSummary("A trend (same parameters as /results/series) as ?format=csv|json.");
        exports.MapGet("/results", ResultsAsync).WithSummary("A run's results (?runId=) as ?format=csv|json|llama-bench.");
        return endpoints;
    }

    private static async Task<IResult> CompareAsync([AsParameters] ResultQueryParameters parameters, CompareQuery query, CancellationToken cancellationToken)
    {
        if (ResultEndpoints.CheckRange(parameters) is { } problem) return problem;
        if (FormatProblem(parameters.Format, "csv", "json") is { } bad) return bad;
        var rows = await query.RunAsync(parameters.ToFilter(), cancellationToken);
        return parameters.Format is "json" ? Json(rows, "devicelab-compare.json") : Csv(CompareCsv.Write(rows), "devicelab-compare.csv");
    }

    private static async Task<IResult> SeriesAsync([AsParameters] ResultQueryParameters parameters, SeriesQuery query, CancellationToken cancellationToken)
    {
        if (ResultEndpoints.CheckSeries(parameters, out var metric) is { } problem) return problem;
        if (FormatProblem(parameters.Format, "csv", "json") is { } bad) return bad;
        var lines = await query.RunAsync(parameters.ToFilter(), metric!, cancellationToken);
        var name = $"devicelab-series-{parameters.SuiteId}-{metric!.Name}";
        return parameters.Format is "json" ? Json(lines, $"{name}.json") : Csv(SeriesCsv.Write(lines), $"{name}.csv");
    }

    private static async Task<IResult> ResultsAsync(long? runId, string? format, RunResultsQuery query, LlamaBenchExport llamaBench, CancellationToken cancellationToken)
    {
        if (runId is not { } id) return ApiProblems.BadRequest("Say which run: ?runId=…");
        if (FormatProblem(format, "csv", "json", "llama-bench") is { } bad) return bad;
        if (format is "llama-bench")
        {
            var tests = await llamaBench.RunAsync(id, cancellationToken);
            return tests is null ? ApiProblems.NotFound("run", id) : Json(tests, $"devicelab-run-{id}-llama-bench.json");
        }
        var rows = await query.RunAsync(id, cancellationToken);
        if (rows is null) return ApiProblems.NotFound("run", id);
        return format is "json" ? Json(rows, $"devicelab-run-{id}-results.json") : Csv(ResultsCsv.Write(rows), $"devicelab-run-{id}-results.csv");
    }

    private static IResult? FormatProblem(string? format, params string[] known) =>
        format is null || known.Contains(format) ? null : ApiProblems.BadRequest($"Unknown format '{format}'; use {string.Join(" or ", known)}.");

    private static IResult Csv(string text, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);

    private static IResult Json<T>(T value, string fileName) => new JsonDownload<T>(value, fileName);

    /// <summary>JSON with the API's serializer settings and a download file name.</summary>
    private sealed class JsonDownload<T>(T value, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            return TypedResults.Json(value).ExecuteAsync(context);
        }
    }
}
