using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Agents;

/// <summary><c>/api/v1/agent/jobs/{jobId}/…</c> (device tokens): what a networked agent fetches for a job besides its variants.</summary>
internal static class AgentJobEndpoints
{
    public static IEndpointRouteBuilder MapAgentJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/agent/jobs/{jobId}/evaluation-text", EvaluationTextAsync).WithTags("Agents")
            .RequireAuthorization(DeviceLabPolicies.AgentDevice)
            .WithSummary("The evaluation text (UTF-8) of a job assigned to the calling device, for perplexity / KL divergence.");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> EvaluationTextAsync(
        string jobId, HttpContext context, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var deviceId = DeviceLabClaims.DeviceIdOf(context.User);
        var notFound = TypedResults.Problem($"Job '{jobId}' is not a job of this device.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        if (deviceId is null || AgentJobId.Parse(jobId) is not { } id) return notFound;
        var text = await db.RunJobAttempts.AsNoTracking()
            .Where(a => a.RunJobId == id.RunJobId && a.Attempt == id.Attempt && a.DeviceId == deviceId)
            .Select(a => new { a.RunJob.Run.Parameters })
            .SingleOrDefaultAsync(cancellationToken);
        if (text is null) return notFound;
        return text.Parameters.EvaluationText is { } evaluation
            ? TypedResults.Text(evaluation, "text/plain", System.Text.Encoding.UTF8)
            : ApiProblems.Conflict($"Job '{jobId}' has no evaluation text.", "No evaluation text");
    }
}
