using DeviceLab.Core.Models;
using DeviceLab.Server.Api;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Models;

/// <summary><c>/api/v1/models</c>: list, detail, upload (GGUF), build variants, delete when unused.</summary>
internal static class ModelEndpoints
{
    /// <param name="Quants">Quantizations to build, e.g. <c>["q8_0", "q4_0"]</c> (default).</param>
    public sealed record BuildVariantsRequest(string[]? Quants);

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var models = endpoints.MapGroup("/api/v1/models").WithTags("Models");
        models.MapGet("/", ListAsync).RequireAuthorization(DeviceLabPolicies.Viewer)
            .WithSummary("Models with their variants, newest first.");
        models.MapGet("/{id:long}", GetAsync).RequireAuthorization(DeviceLabPolicies.Viewer).WithName("GetModel")
            .WithSummary("One model with its variants and their build status.");
        models.MapPost("/", UploadAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Upload a llama GGUF (F32/F16 to build variants from, or an already quantized file).")
            .WithDescription("Body: the file as application/octet-stream, or multipart/form-data with a file part. Query or form " +
                "fields: name (default: the file's general.name), description. 201 with the model; 200 when the same file was " +
                "uploaded under that name before; 400 for a file the engine cannot read; 409 for a taken name; 413 over DeviceLab:Artifacts:MaxUploadBytes.")
            .Accepts<Stream>("application/octet-stream", "multipart/form-data")
            .Produces<ModelView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        models.MapPost("/{id:long}/variants:build", BuildAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Build quantized variants of an F32/F16 model in the background; poll the model for their status.");
        models.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(DeviceLabPolicies.Operator)
            .WithSummary("Delete a model and its variants when no suite, run or result uses them.");
        return endpoints;
    }

    private static async Task<Ok<List<ModelView>>> ListAsync(DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var models = await db.Models.AsNoTracking().Include(m => m.Variants).OrderByDescending(m => m.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(models.Select(ModelView.Of).ToList());
    }

    private static async Task<Results<Ok<ModelView>, ProblemHttpResult>> GetAsync(long id, DeviceLabDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return model is null ? ApiProblems.NotFound("model", id) : TypedResults.Ok(ModelView.Of(model));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, ModelUploads uploads, string? name, string? description, CancellationToken cancellationToken)
    {
        UploadBody.AllowLargeBody(context);
        var store = context.RequestServices.GetRequiredService<ArtifactStore>();
        if (context.Request.ContentLength > store.MaxUploadBytes)
            return TypedResults.Problem(new ArtifactTooLargeException(store.MaxUploadBytes).Message,
                statusCode: StatusCodes.Status413RequestEntityTooLarge, title: "Upload too large");
        var (body, problem) = await UploadBody.ReadAsync(context.Request, cancellationToken);
        if (body is null) return ApiProblems.BadRequest(problem!);
        try
        {
            var request = new ModelUploadRequest(name ?? body.Fields.GetValueOrDefault("name"),
                description ?? body.Fields.GetValueOrDefault("description"), body.FileName);
            var result = await uploads.ImportAsync(body.Content, request, cancellationToken);
            var view = ModelView.Of(result.Model);
            return result.Created ? TypedResults.Created($"/api/v1/models/{view.Id}", view) : TypedResults.Ok(view);
        }
        catch (ModelUploadException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: e.Title);
        }
    }

    private static async Task<IResult> BuildAsync(long id, BuildVariantsRequest? request, VariantBuilds builds, CancellationToken cancellationToken)
    {
        var names = request?.Quants is { Length: > 0 } quants ? quants : ["q8_0", "q4_0"];
        var types = new List<QuantType>();
        foreach (var quant in names)
        {
            if (!Enum.TryParse<QuantType>(quant?.Trim(), ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(quant, out _))
                return ApiProblems.BadRequest($"'{quant}' is not a quantization; use {string.Join(", ", VariantBuilds.Buildable.Select(t => $"\"{t.ToString().ToLowerInvariant()}\""))}.");
            types.Add(type);
        }
        try
        {
            var variants = await builds.RequestAsync(id, types, cancellationToken);
            return variants is null ? ApiProblems.NotFound("model", id) : TypedResults.Accepted($"/api/v1/models/{id}", variants.Select(VariantView.Of).ToList());
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadRequest(e.Message, "Cannot build these variants");
        }
    }

    private static async Task<IResult> DeleteAsync(long id, ModelDeletion deletion, CancellationToken cancellationToken)
    {
        var outcome = await deletion.DeleteModelAsync(id, cancellationToken);
        return outcome switch
        {
            { Found: false } => ApiProblems.NotFound("model", id),
            { InUse: { } reason } => ApiProblems.Conflict(reason, "Model in use"),
            _ => TypedResults.NoContent(),
        };
    }
}
