using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace DeviceLab.Server.Results.Compare;

/// <summary><c>GET /compare/export.csv?model=&amp;variant=&amp;device=&amp;run=</c>: the compare page's table as CSV,
/// same query string as the page, so "Export CSV" exports exactly what is on screen.</summary>
internal static class ComparisonExportEndpoint
{
    public static RouteHandlerBuilder MapComparisonExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/compare/export.csv", async (
            [FromQuery(Name = "model")] long? model,
            [FromQuery(Name = "variant")] long[]? variants,
            [FromQuery(Name = "device")] string[]? devices,
            [FromQuery(Name = "run")] long? run,
            ComparisonQuery query,
            Microsoft.EntityFrameworkCore.IDbContextFactory<Data.DeviceLabDbContext> contexts,
            CancellationToken cancellationToken) =>
        {
            long? modelId = model;
            if (modelId is null)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                modelId = (await ComparisonChoices.LoadAsync(db, null, cancellationToken)).ModelId;
            }
            if (modelId is null) return (IResult)TypedResults.Problem("There is nothing to export: no model has results yet.", statusCode: StatusCodes.Status404NotFound);
            var rows = await query.RunAsync(new ComparisonSelection(modelId.Value, variants ?? [], devices ?? [], run), cancellationToken);
            var fileName = $"devicelab-compare-model{modelId}{(run is null ? "" : $"-run{run}")}.csv";
            return (IResult)TypedResults.File(Encoding.UTF8.GetBytes(ComparisonCsv.Write(rows)), "text/csv; charset=utf-8", fileName);
        }).RequireAuthorization(Auth.DeviceLabPolicies.Viewer).ExcludeFromDescription();
}
