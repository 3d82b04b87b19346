using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Validation;
using Fieldlink.Server.Api.Actions;

namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// An action's input parameters, the JSON object of the request's body, read as the reference's callers send them:
/// names matched without regard to case (its own samples write <c>IoTDeviceId</c> in one table and <c>IotDeviceId</c>
/// in the next), JSON-valued parameters taken as the documented string or as the JSON itself. The first parameter at
/// fault is kept, and <see cref="Invalid"/> answers 400 naming it.
/// </summary>
internal sealed class ActionInput
{
    /// <summary>The Web API's type of the devices an EntityCollection holds.</summary>
    public const string DeviceType = DataverseActionNames.Namespace + ".msdyn_iotdevice";

    private readonly JsonObject _body;

    private ActionInput(JsonObject body) => _body = body;

    /// <summary>What is wrong with the input, naming the parameter; null while nothing is.</summary>
    public string? Error { get; private set; }

    /// <summary>The 400 answer for <see cref="Error"/>; null while the input is valid.</summary>
    public IResult? Invalid => Error is null ? null : DataverseErrors.Result(StatusCodes.Status400BadRequest, DataverseErrors.InvalidArgument, Error);

    /// <summary>Reads the body; an empty one is an action called without parameters.</summary>
    public static async Task<ActionInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ActionInput([]);
        }

        try
        {
            if (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) is JsonObject body)
            {
                return new ActionInput(body);
            }
        }
        catch (JsonException)
        {
            // Answered below, as a body that is not an object.
        }

        return new ActionInput([]) { Error = "The request body must be a JSON object of the action's parameters, e.g. {\"IoTDeviceId\": \"<guid>\"}." };
    }

    /// <summary>The parameter <paramref name="name"/>, whatever its case; null when absent or JSON null.</summary>
    public JsonNode? Find(string name) =>
        _body.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A required GUID, as the reference passes record ids: a string.</summary>
    public Guid RequiredGuid(string name)
    {
        if (Find(name) is not { } node)
        {
            Fail($"The parameter {name} is required: the device's msdyn_iotdeviceid, a GUID.");
            return Guid.Empty;
        }

        return AsGuid(node, name) ?? Guid.Empty;
    }

    /// <summary>An ISO 8601 time, or null when the parameter is absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Find(name) is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            if (StorableValues.TimeProblem(time) is { } problem)
            {
                Fail($"{name} {problem}");
                return null;
            }

            return time.ToUniversalTime();
        }

        Fail($"The parameter {name} must be an ISO 8601 time such as 2026-11-26T08:00:00Z.");
        return null;
    }

    /// <summary>A string parameter, or null when absent; a string that cannot be stored is an error.</summary>
    public string? Text(string name)
    {
        if (Find(name) is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            Fail($"The parameter {name} must be a string.");
            return null;
        }

        var text = node.GetValue<string>();
        if (StorableValues.TextProblem(text) is { } problem)
        {
            Fail($"The parameter {name} {problem}");
            return null;
        }

        return text;
    }

    /// <summary>
    /// A parameter the reference types as a string of JSON (<c>measures</c>, <c>Parameters</c>): the string is parsed;
    /// JSON given as itself is taken too. Null when absent.
    /// </summary>
    public JsonNode? Json(string name)
    {
        if (Find(name) is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return node;
        }

        try
        {
            return JsonNode.Parse(node.GetValue<string>());
        }
        catch (JsonException ex)
        {
            Fail($"The parameter {name} must hold JSON: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The devices of an EntityCollection parameter: one to <see cref="DeviceActionsApi.MaxBatch"/> entities of type
    /// msdyn_iotdevice, each with its msdyn_iotdeviceid; in order, each once.
    /// </summary>
    public IReadOnlyList<Guid> Devices(string name = "EntityCollection")
    {
        if (Find(name) is not JsonArray entities || entities.Count == 0)
        {
            Fail($"The parameter {name} is required: an array of one or more {{\"@odata.type\": \"{DeviceType}\", \"msdyn_iotdeviceid\": \"<guid>\"}}.");
            return [];
        }

        if (entities.Count > DeviceActionsApi.MaxBatch)
        {
            Fail($"The parameter {name} holds at most {DeviceActionsApi.MaxBatch} devices.");
            return [];
        }

        var ids = new List<Guid>();
        for (var i = 0; i < entities.Count && Error is null; i++)
        {
            if (entities[i] is not JsonObject entity)
            {
                Fail($"{name}[{i}] must be an entity: {{\"@odata.type\": \"{DeviceType}\", \"msdyn_iotdeviceid\": \"<guid>\"}}.");
                break;
            }

            var type = entity["@odata.type"];
            if (type is not null && (type.GetValueKind() != JsonValueKind.String || type.GetValue<string>().TrimStart('#') != DeviceType))
            {
                Fail($"{name}[{i}].@odata.type must be {DeviceType}: these actions act on IoT devices.");
                break;
            }

            if (entity["msdyn_iotdeviceid"] is not { } id)
            {
                Fail($"{name}[{i}].msdyn_iotdeviceid is required: the device's id, a GUID.");
                break;
            }

            if (AsGuid(id, $"{name}[{i}].msdyn_iotdeviceid") is { } device && !ids.Contains(device))
            {
                ids.Add(device);
            }
        }

        return Error is null ? ids : [];
    }

    /// <summary>Device ids in one string separated by commas, as the reference's older actions take them (<c>IoTDeviceIds</c>).</summary>
    public IReadOnlyList<Guid> DeviceIdList(string name)
    {
        var parts = (Text(name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > DeviceActionsApi.MaxBatch)
        {
            Fail($"The parameter {name} is required: 1 to {DeviceActionsApi.MaxBatch} device ids (msdyn_iotdeviceid) separated by commas.");
            return [];
        }

        var ids = new List<Guid>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                Fail($"{name} must hold GUIDs separated by commas; '{part}' is not one.");
                return [];
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Records what is wrong, unless something already is: the caller is told of the first.</summary>
    public void Fail(string message) => Error ??= message;

    private Guid? AsGuid(JsonNode node, string name)
    {
        if (node.GetValueKind() == JsonValueKind.String && Guid.TryParse(node.GetValue<string>(), out var id))
        {
            return id;
        }

        Fail($"{name} must be a GUID such as 5754578d-1f9a-4720-bc21-3c3042c05b2f.");
        return null;
    }
}
