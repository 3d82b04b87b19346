using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// One OData system query option a collection GET takes, as the OpenAPI document declares it
/// (<see cref="CollectionQueryOptions"/> holds the list).
/// </summary>
/// <param name="Name">The option as written in the query string, e.g. <c>$filter</c>.</param>
/// <param name="Description">What it does, for the reader of the document and of a generated client.</param>
/// <param name="Type">Its JSON schema type: string, integer or boolean.</param>
/// <param name="Example">A value every collection accepts (a test sends it to one), e.g. <c>name desc</c>.</param>
/// <param name="NamesAnyField">Whether it takes any field of the record (<c>$select</c>): its description then lists them.</param>
public sealed record CollectionQueryOption(string Name, string Description, JsonSchemaType Type, string Example, bool NamesAnyField = false)
{
    /// <summary>
    /// The query parameter of a list of records with <paramref name="fields"/>: whole numbers are 0 or more (int32),
    /// booleans true or false.
    /// </summary>
    public OpenApiParameter ToParameter(IEnumerable<string> fields) => new()
    {
        Name = Name,
        In = ParameterLocation.Query,
        Description = NamesAnyField ? $"{Description} The fields: {string.Join(", ", fields)}." : Description,
        Required = false,
        Schema = Type switch
        {
            JsonSchemaType.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
            _ => new OpenApiSchema { Type = Type },
        },
        Example = Type switch
        {
            JsonSchemaType.Integer => JsonValue.Create(int.Parse(Example, System.Globalization.CultureInfo.InvariantCulture)),
            JsonSchemaType.Boolean => JsonValue.Create(bool.Parse(Example)),
            _ => JsonValue.Create(Example),
        },
    };
}
