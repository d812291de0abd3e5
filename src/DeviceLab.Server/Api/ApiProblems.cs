using Microsoft.AspNetCore.Http.HttpResults;

namespace DeviceLab.Server.Api;

/// <summary>The problem-details answers endpoints share, worded for the person reading them.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what, long id) =>
        TypedResults.Problem($"There is no {what} with id {id}.", statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}");

    public static ProblemHttpResult BadRequest(string detail, string title = "Invalid request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult Conflict(string detail, string title = "Conflict") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
