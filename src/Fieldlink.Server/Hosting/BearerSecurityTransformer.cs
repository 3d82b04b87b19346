using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>Tells OpenAPI readers that every <c>/api</c> operation takes <c>Authorization: Bearer &lt;api key&gt;</c>.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Fieldlink API";
        document.Info.Description = "The REST/OData API of Fieldlink, the open-source IoT provider hub for field service.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: Authorization: Bearer <key>. Create one with `fieldlink keys create`.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
