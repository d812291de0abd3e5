using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DeviceLab.Server.Results;

/// <summary><c>/api/v1/results</c>: a run's results, comparisons across variants × device models, nightly trends.</summary>
internal static class ResultEndpoints
{
    public sealed record MetricView(string Name, string Unit, bool IsDistribution);

    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        services.AddSingleton<CompareQuery>();
        services.AddSingleton<SeriesQuery>();
        services.AddSingleton<RunResultsQuery>();
        services.AddSingleton<Exports.LlamaBenchExport>();
        return services;
    }

    public static IEndpointRouteBuilder MapResultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var results = endpoints.MapGroup("/api/v1/results").WithTags("Results").RequireAuthorization(DeviceLabPolicies.Viewer);
        results.MapGet("/", ListAsync).WithSummary("Every result of a run (?runId=), superseded attempts flagged.");
        results.MapGet("/compare", CompareAsync)
            .WithSummary("Variants × device models: every metric with its spread (n, mean, pooled stddev, p50, p90, min, max) and trust flags.");
        results.MapGet("/series", SeriesAsync)
            .WithSummary("A metric per (device model, variant) per night of a suite (?suiteId=&metric=), for trends.");
        results.MapGet("/metrics", () => TypedResults.Ok(ResultMetric.All.Select(m => new MetricView(m.Name, m.Unit, m.IsSummary)).ToList()))
            .WithSummary("The metrics compare and series know, with units.");
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<ResultView>>, ProblemHttpResult>> ListAsync(long? runId, RunResultsQuery query, CancellationToken cancellationToken)
    {
        if (runId is null) return ApiProblems.BadRequest("Say which run: ?runId=…");
        var rows = await query.RunAsync(runId.Value, cancellationToken);
        return rows is null ? ApiProblems.NotFound("run", runId.Value) : TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<IReadOnlyList<CompareRow>>, ProblemHttpResult>> CompareAsync(
        [AsParameters] ResultQueryParameters parameters, CompareQuery query, CancellationToken cancellationToken)
    {
        if (CheckRange(parameters) is { } problem) return problem;
        return TypedResults.Ok(await query.RunAsync(parameters.ToFilter(), cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<SeriesLine>>, ProblemHttpResult>> SeriesAsync(
        [AsParameters] ResultQueryParameters parameters, SeriesQuery query, CancellationToken cancellationToken)
    {
        if (CheckSeries(parameters, out var metric) is { } problem) return problem;
        return TypedResults.Ok(await query.RunAsync(parameters.ToFilter(), metric!, cancellationToken));
    }

    internal static ProblemHttpResult? CheckRange(ResultQueryParameters parameters) =>
        parameters.From is { } from && parameters.To is { } to && to <= from
            ? ApiProblems.BadRequest($"'to' ({to:O}) must be after 'from' ({from:O}).")
            : null;

    internal static ProblemHttpResult? CheckSeries(ResultQueryParameters parameters, out ResultMetric? metric)
    {
        metric = ResultMetric.Find(parameters.Metric);
        if (parameters.SuiteId is null) return ApiProblems.BadRequest("A series belongs to a suite: ?suiteId=…");
        if (metric is null)
            return ApiProblems.BadRequest($"Unknown metric '{parameters.Metric}'; known: {string.Join(", ", ResultMetric.All.Select(m => m.Name))}.");
        return CheckRange(parameters);
    }
}
