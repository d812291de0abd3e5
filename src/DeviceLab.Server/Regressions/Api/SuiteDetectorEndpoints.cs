using DeviceLab.Core.Regressions.Detection;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions.Detection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Regressions.Api;

/// <summary>
/// <c>/api/v1/suites/{id}/detector</c>: a suite's own detector thresholds (<see cref="DetectorOverrides"/>), e.g.
/// <c>{"maxPValue": 0.0001}</c> for a noisy suite. PUT with an empty object goes back to the server's defaults.
/// </summary>
internal static class SuiteDetectorEndpoints
{
    public static void MapSuiteDetectorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var detector = endpoints.MapGroup("/api/v1/suites/{id:long}/detector").WithTags("Regressions");
        detector.MapGet("", GetAsync).WithName("GetSuiteDetector").RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("The suite's detector overrides and the thresholds in effect.");
        detector.MapPut("", PutAsync).WithName("SetSuiteDetector").RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Set the suite's detector overrides (maxPValue, minRelativeMagnitude); null fields use the server's values.");
    }

    /// <param name="Overrides">What the suite sets.</param>
    /// <param name="MaxPValue">The p-value threshold in effect.</param>
    /// <param name="MinRelativeMagnitude">The minimum relative change in effect.</param>
    public sealed record SuiteDetector(DetectorOverrides Overrides, double MaxPValue, double MinRelativeMagnitude);

    private static async Task<Results<Ok<SuiteDetector>, ProblemHttpResult>> GetAsync(
        long id, IDbContextFactory<DeviceLabDbContext> contexts, IOptions<RegressionOptions> options, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var suite = await db.Suites.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.DetectorOverrides }).SingleOrDefaultAsync(cancellationToken);
        if (suite is null) return RegressionEndpoints.NotFound("suite", id);
        var overrides = suite.DetectorOverrides ?? new DetectorOverrides();
        var effective = overrides.ApplyTo(new DetectorOverrides(options.Value.MaxPValue, options.Value.MinRelativeMagnitude).ApplyTo(new ChangePointOptions()));
        return TypedResults.Ok(new SuiteDetector(overrides, effective.MaxPValue, effective.MinRelativeMagnitude));
    }

    private static async Task<Results<Ok<SuiteDetector>, ValidationProblem, ProblemHttpResult>> PutAsync(
        long id, DetectorOverrides? overrides, IDbContextFactory<DeviceLabDbContext> contexts,
        IOptions<RegressionOptions> options, CancellationToken cancellationToken)
    {
        overrides ??= new DetectorOverrides();
        try
        {
            overrides.ApplyTo(new ChangePointOptions());
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.ParamName ?? "overrides"] = [e.Message] },
                title: "The detector overrides are not valid.");
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var suite = await db.Suites.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (suite is null) return RegressionEndpoints.NotFound("suite", id);
            suite.DetectorOverrides = overrides.MaxPValue is null && overrides.MinRelativeMagnitude is null ? null : overrides;
            await db.SaveChangesAsync(cancellationToken);
        }
        var current = await GetAsync(id, contexts, options, cancellationToken);
        return current.Result is Ok<SuiteDetector> ok ? ok : RegressionEndpoints.NotFound("suite", id);
    }
}
