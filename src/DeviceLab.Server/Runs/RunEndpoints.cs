using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Runs.Planning;
using DeviceLab.Server.Suites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs;

/// <summary><c>/api/v1/runs</c>: create (from a suite or ad hoc), list, detail with jobs and attempts, cancel.</summary>
internal static class RunEndpoints
{
    /// <summary>A run from a suite (<see cref="SuiteId"/> alone) or ad hoc (variants + selector, parameters optional).</summary>
    public sealed record CreateRunRequest(long? SuiteId, long[]? VariantIds, DeviceSelector? DeviceSelector, SuiteParameters? Parameters);

    public const int MaxListed = 500;

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var runs = endpoints.MapGroup("/api/v1/runs").WithTags("Runs");
        runs.MapPost("/", CreateAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Start a run: one job per selected device, each running every variant interleaved; 201 with the run.")
            .ProducesValidationProblem();
        runs.MapGet("/", ListAsync).RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("Runs, newest first; filter by status or suite_id; limit 1–500 (default 50).");
        runs.MapGet("/{id:long}", GetAsync).RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("One run with its jobs and every attempt (device, outcome, lease token, what was pushed).");
        runs.MapPost("/{id:long}:cancel", CancelAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Cancel a run: agents are stopped on their devices, finished jobs keep their results; 202 with the run.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Results<Created<RunView>, ValidationProblem>> CreateAsync(
        CreateRunRequest request, HttpContext context, DeviceLabDbContext db, RunLauncher launcher, SuiteTrigger suites, CancellationToken cancellationToken)
    {
        try
        {
            Run run;
            if (request.SuiteId is { } suiteId)
            {
                if (request.VariantIds is not null || request.DeviceSelector is not null || request.Parameters is not null)
                    throw RunRequestException.For("suite_id", "give either suite_id alone (the suite's snapshot) or variant_ids and device_selector, not both");
                run = await suites.RunAsync(suiteId, RunRequester.TriggerOf(context), RunRequester.NameOf(context), cancellationToken);
            }
            else
            {
                run = await launcher.LaunchAsync(new RunRequest(request.VariantIds ?? [], RunLauncher.Normalize(request.DeviceSelector),
                    request.Parameters ?? SuiteParameters.Default, RunRequester.TriggerOf(context), RunRequester.NameOf(context)), cancellationToken);
            }
            return TypedResults.Created($"/api/v1/runs/{run.Id}", (await RunView.LoadAsync(db, run.Id, cancellationToken))!);
        }
        catch (RunRequestException e)
        {
            return TypedResults.ValidationProblem(e.Problems, title: "The run cannot start");
        }
    }

    private static async Task<Results<Ok<List<RunView>>, ProblemHttpResult>> ListAsync(
        DeviceLabDbContext db, RunStatus? status, long? suiteId, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListed) return ApiProblems.BadRequest($"limit is {limit}; use 1–{MaxListed}.");
        var query = db.Runs.AsNoTracking().Include(r => r.Jobs).AsQueryable();
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (suiteId is { } id) query = query.Where(r => r.SuiteId == id);
        var runs = await query.OrderByDescending(r => r.Id).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(r => RunView.Of(r, withJobs: false)).ToList());
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetAsync(long id, DeviceLabDbContext db, CancellationToken cancellationToken) =>
        await RunView.LoadAsync(db, id, cancellationToken) is { } run ? TypedResults.Ok(run) : ApiProblems.NotFound("run", id);

    private static async Task<Results<Accepted<RunView>, ProblemHttpResult>> CancelAsync(
        long id, HttpContext context, DeviceLabDbContext db, RunCancellation cancellation, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null) return ApiProblems.NotFound("run", id);
        if (!await cancellation.CancelAsync(id, RunRequester.NameOf(context), cancellationToken))
            return ApiProblems.Conflict($"Run {id} has already ended ({SnakeCaseEnumConverter<RunStatus>.NameOf(run.Status)}).", "Run already ended");
        return TypedResults.Accepted($"/api/v1/runs/{id}", (await RunView.LoadAsync(db, id, cancellationToken))!);
    }
}
