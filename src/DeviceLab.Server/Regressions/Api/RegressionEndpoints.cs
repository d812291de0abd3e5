using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions.Api;

/// <summary>
/// <c>/api/v1/regressions</c> (list, detail, triage) and <c>/api/v1/runs/{id}/gate</c> (CI). Errors are problem
/// details naming the bad value; reading needs a viewer, triage an operator.
/// </summary>
internal static class RegressionEndpoints
{
    public static IEndpointRouteBuilder MapRegressionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var regressions = endpoints.MapGroup("/api/v1/regressions").WithTags("Regressions");
        regressions.MapGet("", ListAsync).WithName("ListRegressions").RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("Regressions and improvements, newest first-bad night first; filters: status, triage, direction, suite, deviceModel, model, variant, metric.");
        regressions.MapGet("/{id:long}", DetailAsync).WithName("GetRegression").RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("One regression with the nights of its series around it and its triage history.");
        regressions.MapPatch("/{id:long}/triage", TriageAsync).WithName("TriageRegression").RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Set the triage state (untriaged, acknowledged, invalid, fixed, wont_fix) with a note.");

        endpoints.MapGet("/api/v1/runs/{id:long}/gate", GateAsync).WithTags("Regressions").WithName("GetRunGate")
            .RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("CI gate of a run: open regressions on its series and the per-run gate's verdicts; passed or not, with reasons.");
        endpoints.MapSuiteDetectorEndpoints();
        return endpoints;
    }

    private static async Task<Results<Ok<RegressionList>, ValidationProblem>> ListAsync(
        IDbContextFactory<DeviceLabDbContext> contexts, CancellationToken cancellationToken,
        string? status = null, string? triage = null, string? direction = null, string? suite = null, string? deviceModel = null,
        string? model = null, string? variant = null, string? metric = null, int? limit = null, int? offset = null)
    {
        var (filter, errors) = RegressionFilter.Parse(status, triage, direction, suite, deviceModel, model, variant, metric, limit, offset);
        if (filter is null) return TypedResults.ValidationProblem(errors, title: "The regression filters are not valid.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await RegressionQueries.ListAsync(db, filter, cancellationToken));
    }

    private static async Task<Results<Ok<RegressionDetail>, ProblemHttpResult>> DetailAsync(
        long id, IDbContextFactory<DeviceLabDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RegressionQueries.DetailAsync(db, id, cancellationToken) is { } detail ? TypedResults.Ok(detail) : NotFound("regression", id);
    }

    private static async Task<Results<Ok<RegressionDetail>, ValidationProblem, ProblemHttpResult>> TriageAsync(
        long id, [FromBody] TriageRequest? request, HttpContext http, IDbContextFactory<DeviceLabDbContext> contexts, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var by = http.User.Identity?.Name is { Length: > 0 } name ? name : "unknown";
        var (found, errors) = await RegressionTriage.ApplyAsync(db, id, request, by, time.GetUtcNow(), cancellationToken);
        if (!found) return NotFound("regression", id);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The triage request is not valid.");
        return TypedResults.Ok((await RegressionQueries.DetailAsync(db, id, cancellationToken))!);
    }

    private static async Task<Results<Ok<RunGateReport>, ProblemHttpResult>> GateAsync(
        long id, IDbContextFactory<DeviceLabDbContext> contexts, IOptions<RegressionOptions> options, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RunGateReports.BuildAsync(db, id, options.Value, cancellationToken) is { } report ? TypedResults.Ok(report) : NotFound("run", id);
    }

    public static ProblemHttpResult NotFound(string what, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} with id {id}.");
}
