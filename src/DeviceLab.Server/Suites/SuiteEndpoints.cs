using DeviceLab.Core.Runs;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Runs.Planning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeviceLab.Server.Suites;

/// <summary><c>/api/v1/suites</c>: list, detail, create, replace, delete, and trigger a run now.</summary>
internal static class SuiteEndpoints
{
    public static IEndpointRouteBuilder MapSuiteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var suites = endpoints.MapGroup("/api/v1/suites").WithTags("Suites");
        suites.MapGet("/", ListAsync).RequireAuthorization(DeviceLabPolicies.Viewer).WithSummary("Suites by name.");
        suites.MapGet("/{id:long}", GetAsync).RequireAuthorization(DeviceLabPolicies.Viewer).WithSummary("One suite, with when its schedule fires next.");
        suites.MapPost("/", CreateAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Create a suite: variants × device selector × parameters, with an optional cron (UTC) for nightly runs.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        suites.MapPut("/{id:long}", ReplaceAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Replace a suite (runs already made keep their own snapshot).").ProducesValidationProblem();
        suites.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Delete a suite and its schedule; its runs and results stay.");
        suites.MapPost("/{id:long}:trigger", TriggerAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Run the suite now; 201 with the run.").ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<Ok<List<SuiteView>>> ListAsync(DeviceLabDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var suites = await db.Suites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(suites.Select(s => SuiteView.Of(s, time.GetUtcNow())).ToList());
    }

    private static async Task<Results<Ok<SuiteView>, ProblemHttpResult>> GetAsync(long id, DeviceLabDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return suite is null ? ApiProblems.NotFound("suite", id) : TypedResults.Ok(SuiteView.Of(suite, time.GetUtcNow()));
    }

    private static async Task<Results<Created<SuiteView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SuiteInput input, DeviceLabDbContext db, RunLauncher launcher, NightlySchedule schedule, TimeProvider time, CancellationToken cancellationToken)
    {
        var problems = await SuiteRules.ProblemsAsync(input, launcher, cancellationToken);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "The suite cannot be saved");
        var now = time.GetUtcNow();
        var suite = new Suite { Name = input.Name!.Trim(), CreatedAt = now, UpdatedAt = now };
        SuiteRules.Apply(input, suite);
        db.Suites.Add(suite);
        if (await SaveAsync(db, suite.Name, cancellationToken) is { } conflict) return conflict;
        schedule.Sync(suite);
        return TypedResults.Created($"/api/v1/suites/{suite.Id}", SuiteView.Of(suite, now));
    }

    private static async Task<Results<Ok<SuiteView>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        long id, SuiteInput input, DeviceLabDbContext db, RunLauncher launcher, NightlySchedule schedule, TimeProvider time, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (suite is null) return ApiProblems.NotFound("suite", id);
        var problems = await SuiteRules.ProblemsAsync(input, launcher, cancellationToken);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "The suite cannot be saved");
        suite.Name = input.Name!.Trim();
        SuiteRules.Apply(input, suite);
        suite.UpdatedAt = time.GetUtcNow();
        if (await SaveAsync(db, suite.Name, cancellationToken) is { } conflict) return conflict;
        schedule.Sync(suite);
        return TypedResults.Ok(SuiteView.Of(suite, time.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, DeviceLabDbContext db, NightlySchedule schedule, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (suite is null) return ApiProblems.NotFound("suite", id);
        db.Suites.Remove(suite);
        await db.SaveChangesAsync(cancellationToken);
        schedule.Remove(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<RunView>, ValidationProblem, ProblemHttpResult>> TriggerAsync(
        long id, HttpContext context, DeviceLabDbContext db, SuiteTrigger trigger, CancellationToken cancellationToken)
    {
        if (!await db.Suites.AnyAsync(s => s.Id == id, cancellationToken)) return ApiProblems.NotFound("suite", id);
        try
        {
            var run = await trigger.RunAsync(id, RunRequester.TriggerOf(context), RunRequester.NameOf(context), cancellationToken);
            return TypedResults.Created($"/api/v1/runs/{run.Id}", await RunView.LoadAsync(db, run.Id, cancellationToken));
        }
        catch (RunRequestException e)
        {
            return TypedResults.ValidationProblem(e.Problems, title: "The suite cannot run now");
        }
    }

    private static async Task<ProblemHttpResult?> SaveAsync(DeviceLabDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiProblems.Conflict($"A suite named '{name}' exists already; choose another name.", "Suite name taken");
        }
    }
}
