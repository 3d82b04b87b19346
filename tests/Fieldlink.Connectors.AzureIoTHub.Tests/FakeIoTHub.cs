using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.AzureIoTHub.Tests;

/// <summary>
/// IoT Hub's service REST API as its reference documents it, for the calls the connector makes, on Kestrel on a free
/// loopback port: <c>PUT/GET /devices/{id}</c>, <c>GET/PATCH /twins/{id}</c>, <c>POST /twins/{id}/methods</c>, each
/// with <c>api-version=2021-04-12</c> (else 400) and a SAS token it checks itself against the policy's key and the
/// clock (else 401): 409 for a create of an existing identity, 412 for a stale <c>If-Match</c>, 404 with
/// <c>iothub-errorcode</c> for an unknown or offline device, 504 when the device does not answer, 429 with
/// <c>Retry-After</c> while <see cref="ThrottleNext"/> is above zero. Devices are simulated by <see cref="Methods"/>.
/// </summary>
public sealed class FakeIoTHub : IAsyncDisposable
{
    public const string HostName = "contoso-hub.azure-devices.net";
    public const string PolicyName = "fieldlink";
    public static readonly string PolicyKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _etag;

    private FakeIoTHub(WebApplication app, TimeProvider time) => (_app, _time) = (app, time);

    /// <summary>One request as it arrived.</summary>
    public sealed record Received(string Method, string Path, string Query, IHeaderDictionary Headers, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Identities by device id, as the hub keeps them (keys included).</summary>
    public Dictionary<string, JsonObject> Devices { get; } = new(StringComparer.Ordinal);

    /// <summary>Twins' reported properties by device id.</summary>
    public Dictionary<string, JsonObject> Reported { get; } = new(StringComparer.Ordinal);

    /// <summary>Twins' desired properties by device id.</summary>
    public Dictionary<string, JsonObject> Desired { get; } = new(StringComparer.Ordinal);

    /// <summary>The device side of direct methods: the status and payload it answers, or null when it does not answer in time.</summary>
    public Func<string, string, JsonNode?, (int Status, JsonNode? Payload)?> Methods { get; set; } = (_, _, _) => (200, null);

    /// <summary>How many of the next requests are answered 429 with <c>Retry-After: 1</c>.</summary>
    public int ThrottleNext { get; set; }

    /// <summary>Tokens the hub accepted, in order.</summary>
    public ConcurrentQueue<string> Tokens { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/");

    public static async Task<FakeIoTHub> StartAsync(TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hub = new FakeIoTHub(app, time);
        app.Run(hub.AnswerAsync);
        await app.StartAsync();
        return hub;
    }

    /// <summary>Adds a device identity the way the hub keeps it.</summary>
    public void AddDevice(string deviceId, string status = "enabled", string connectionState = "Disconnected")
    {
        lock (_lock)
        {
            Devices[deviceId] = Identity(deviceId, status, connectionState);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = context.Request;
        Requests.Enqueue(new Received(request.Method, request.Path, request.QueryString.Value ?? string.Empty,
            new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)), body));

        if (request.Query["api-version"] != "2021-04-12")
        {
            await ErrorAsync(context, 400, "InvalidProtocolVersion", "api-version is missing or not supported.");
            return;
        }

        if (!IsAuthorized(request.Headers.Authorization.ToString()))
        {
            await ErrorAsync(context, 401, "IotHubUnauthorizedAccess", "Unauthorized");
            return;
        }

        if (ThrottleNext > 0)
        {
            ThrottleNext--;
            context.Response.Headers.RetryAfter = "1";
            await ErrorAsync(context, 429, "ThrottlingException", "Too many requests.");
            return;
        }

        var segments = request.Path.Value!.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        (int Status, JsonNode? Body, string? ErrorCode) answer;
        lock (_lock)
        {
            answer = (request.Method, segments) switch
            {
                ("PUT", ["devices", var id]) => PutDevice(id, JsonNode.Parse(body)!.AsObject(), request.Headers.IfMatch.ToString()),
                ("GET", ["devices", var id]) => Devices.TryGetValue(id, out var device) ? (200, device.DeepClone(), null) : NotFound(id),
                ("GET", ["twins", var id]) => Devices.ContainsKey(id) ? (200, Twin(id), null) : NotFound(id),
                ("PATCH", ["twins", var id]) => PatchTwin(id, JsonNode.Parse(body)!.AsObject()),
                ("POST", ["twins", var id, "methods"]) => (-1, null, null),
                _ => (404, null, "NotFound"),
            };
        }

        if (answer.Status == -1)
        {
            answer = InvokeMethod(segments[1], JsonNode.Parse(body)!.AsObject());
        }

        context.Response.StatusCode = answer.Status;
        if (answer.ErrorCode is not null)
        {
            context.Response.Headers["iothub-errorcode"] = answer.ErrorCode;
        }

        if (answer.Body is JsonObject { } document && document["etag"] is JsonValue etag)
        {
            context.Response.Headers.ETag = $"\"{etag}\"";
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>The documentation's check: the token's sr is the hub, its skn the policy, its se in the future, its sig the HMAC of "{sr}\n{se}".</summary>
    private bool IsAuthorized(string header)
    {
        const string Prefix = "SharedAccessSignature ";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = header[Prefix.Length..].Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn))
        {
            return false;
        }

        if (WebUtility.UrlDecode(sr) != HostName || skn != PolicyName || !long.TryParse(se, CultureInfo.InvariantCulture, out var expiry)
            || DateTimeOffset.FromUnixTimeSeconds(expiry) <= _time.GetUtcNow())
        {
            return false;
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(PolicyKey), Encoding.UTF8.GetBytes($"{sr}\n{se}")));
        if (WebUtility.UrlDecode(sig) != expected)
        {
            return false;
        }

        Tokens.Enqueue(header);
        return true;
    }

    private (int, JsonNode?, string?) PutDevice(string id, JsonObject identity, string ifMatch)
    {
        if (Devices.TryGetValue(id, out var existing))
        {
            if (ifMatch.Length == 0)
            {
                return (409, Error("DeviceAlreadyExists", $"A device with ID '{id}' is already registered."), "DeviceAlreadyExists");
            }

            if (ifMatch != "*" && ifMatch != $"\"{existing["etag"]}\"")
            {
                return (412, Error("PreconditionFailed", "Precondition failed: the ETag does not match."), "PreconditionFailed");
            }

            existing["status"] = identity["status"]?.DeepClone();
            existing["etag"] = NextEtag();
            return (200, existing.DeepClone(), null);
        }

        if (identity["authentication"]?["type"]?.GetValue<string>() != "sas")
        {
            return (400, Error("ArgumentInvalid", "authentication.type must be given."), "ArgumentInvalid");
        }

        var created = Identity(id, identity["status"]?.GetValue<string>() ?? "enabled", "Disconnected");
        Devices[id] = created;
        return (200, created.DeepClone(), null);
    }

    private (int, JsonNode?, string?) PatchTwin(string id, JsonObject patch)
    {
        if (!Devices.ContainsKey(id))
        {
            return NotFound(id);
        }

        var desired = Desired.TryGetValue(id, out var d) ? d : Desired[id] = [];
        foreach (var (name, value) in patch["properties"]!["desired"]!.AsObject())
        {
            desired[name] = value?.DeepClone();
        }

        return (200, Twin(id), null);
    }

    private (int, JsonNode?, string?) InvokeMethod(string id, JsonObject call)
    {
        bool known, connected;
        lock (_lock)
        {
            known = Devices.TryGetValue(id, out var device);
            connected = known && device!["connectionState"]?.GetValue<string>() == "Connected";
        }

        if (!known)
        {
            return NotFound(id);
        }

        if (!connected)
        {
            return (404, Error("404103", "Timed out waiting for device to connect."), "DeviceNotOnline");
        }

        var answer = Methods(id, call["methodName"]!.GetValue<string>(), call["payload"]);
        return answer is { } a
            ? (200, new JsonObject { ["status"] = a.Status, ["payload"] = a.Payload?.DeepClone() }, null)
            : (504, Error("504101", "Timed out waiting for the response from device."), "GatewayTimeout");
    }

    private JsonObject Twin(string id)
    {
        var device = Devices[id];
        var reported = Reported.TryGetValue(id, out var r) ? (JsonObject)r.DeepClone() : [];
        reported["$version"] = 3;
        reported["$metadata"] = new JsonObject { ["$lastUpdated"] = "2026-11-30T10:00:00Z" };
        return new JsonObject
        {
            ["deviceId"] = id,
            ["etag"] = "AAAAAAAAAAE=",
            ["status"] = device["status"]?.DeepClone(),
            ["connectionState"] = device["connectionState"]?.DeepClone(),
            ["lastActivityTime"] = device["lastActivityTime"]?.DeepClone(),
            ["properties"] = new JsonObject
            {
                ["desired"] = Desired.TryGetValue(id, out var desired) ? desired.DeepClone() : new JsonObject(),
                ["reported"] = reported,
            },
        };
    }

    private JsonObject Identity(string id, string status, string connectionState) => new()
    {
        ["deviceId"] = id,
        ["generationId"] = "638000000000000000",
        ["etag"] = NextEtag(),
        ["connectionState"] = connectionState,
        ["status"] = status,
        ["connectionStateUpdatedTime"] = "2026-11-30T09:00:00Z",
        ["lastActivityTime"] = "2026-11-30T09:30:00Z",
        ["authentication"] = new JsonObject
        {
            ["symmetricKey"] = new JsonObject
            {
                ["primaryKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["secondaryKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            },
            ["type"] = "sas",
        },
    };

    private string NextEtag() => Convert.ToBase64String(Encoding.UTF8.GetBytes((++_etag).ToString(CultureInfo.InvariantCulture)));

    private static (int, JsonNode?, string?) NotFound(string id) => (404, Error("DeviceNotFound", $"Device {id} not registered"), "DeviceNotFound");

    private static JsonObject Error(string code, string message) => new() { ["errorCode"] = code, ["message"] = message };

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["iothub-errorcode"] = code;
        return context.Response.WriteAsJsonAsync(Error(code, message), context.RequestAborted);
    }
}
