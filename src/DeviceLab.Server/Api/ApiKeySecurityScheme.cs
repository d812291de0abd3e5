using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DeviceLab.Server.Api;

/// <summary>Tells OpenAPI clients how to authenticate: an API key in <c>X-Api-Key</c> (or as a bearer token).</summary>
internal sealed class ApiKeySecurityScheme : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = BearerCredential.ApiKeyHeader,
            Description = "An API key (dlk_…) made by an administrator at /api/v1/api-keys.",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "An API key (dlk_…), or a networked agent's device token (dld_…) for variant downloads.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
