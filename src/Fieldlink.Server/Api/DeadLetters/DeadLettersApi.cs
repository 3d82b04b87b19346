using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.DeadLetters;

namespace Fieldlink.Server.Api.DeadLetters;

/// <summary>
/// Dead letters: what connectors received and could not use (bad JSON, wrong types, unknown devices, unknown topics),
/// kept with the reason, read-only, as an OData collection.
/// </summary>
public static class DeadLettersApi
{
    private static readonly DeadLetterResource Resource = new();

    public static void MapDeadLettersApi(this IEndpointRouteBuilder api)
    {
        var deadLetters = api.MapGroup("deadLetters").WithTags("deadLetters");
        deadLetters.MapList(Resource);
        deadLetters.MapRead(Resource);
    }
}
