using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Mvc;

namespace DeviceLab.Server.Results;

/// <summary><c>POST /api/v1/results:import-llama-bench</c>: llama.cpp's llama-bench JSON as results of a device (operator).</summary>
internal static class LlamaBenchImportEndpoint
{
    /// <summary>Largest llama-bench file accepted: thousands of tests fit in far less.</summary>
    public const long MaxBodyBytes = 4 << 20;

    public static IServiceCollection AddLlamaBenchImport(this IServiceCollection services) => services.AddSingleton<LlamaBenchImport>();

    public static IEndpointRouteBuilder MapLlamaBenchImport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/results:import-llama-bench", ImportAsync).WithTags("Results")
            .RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Store llama.cpp llama-bench results (-o json or -o jsonl) as a result of a device, labelled with the llama.cpp build.")
            .WithDescription("Body: the llama-bench output file. Query: device (id or serial), variantId or model (its variant of the " +
                "quantization in model_type), optional threads / promptTokens / generatedTokens to pick tests when the file has several. " +
                "201 with the stored run and result; 400 malformed file or ambiguous tests; 404 unknown device, model or variant.")
            .Accepts<string>("application/json", "text/plain")
            .Produces<LlamaBenchImportResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ImportAsync(
        HttpContext context, LlamaBenchImport import, [FromQuery] string? device, [FromQuery] long? variantId, [FromQuery] string? model,
        [FromQuery] int? threads, [FromQuery] int? promptTokens, [FromQuery] int? generatedTokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(device))
            return TypedResults.Problem("Say which device ran llama-bench: device=ID or device=SERIAL.", statusCode: 400, title: "Device missing");
        if (context.Request.ContentLength > MaxBodyBytes)
            return TypedResults.Problem($"A llama-bench file of more than {MaxBodyBytes >> 20} MiB is not llama-bench output.", statusCode: 413, title: "Too large");
        var body = await ReadLimitedAsync(context.Request.Body, cancellationToken);
        if (body is null)
            return TypedResults.Problem($"A llama-bench file of more than {MaxBodyBytes >> 20} MiB is not llama-bench output.", statusCode: 413, title: "Too large");
        try
        {
            var result = await import.ImportAsync(body,
                new LlamaBenchImportRequest(device, variantId, model, threads, promptTokens, generatedTokens),
                context.User.Identity?.Name, cancellationToken);
            return TypedResults.Created($"/api/v1/runs/{result.RunId}", result);
        }
        catch (LlamaBenchImportException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: e.Title);
        }
    }

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/> (read in pieces, never whole first).</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var text = new System.Text.StringBuilder();
        var piece = new char[64 * 1024];
        int read;
        while ((read = await reader.ReadAsync(piece, cancellationToken)) > 0)
        {
            text.Append(piece, 0, read);
            if (text.Length > MaxBodyBytes) return null;
        }
        return text.ToString();
    }
}
