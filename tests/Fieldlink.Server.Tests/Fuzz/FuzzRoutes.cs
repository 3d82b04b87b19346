using CsCheck;
using R = Fieldlink.Server.Tests.Fuzz.ResourceBodies;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Every route the fuzz drives: each write under /api/v1 and each GET of a collection (with OData options or the
/// query it takes). <see cref="FuzzRouteCoverageTests"/> compares this table with the server's OpenAPI document, so a
/// new route fails the build's tests until it is added here.
/// </summary>
public static class FuzzRoutes
{
    private const string V = "/api/v1";

    public static IReadOnlyList<FuzzRoute> All { get; } =
    [
        .. Collection("providers", R.Provider),
        .. Collection("providerInstances", R.ProviderInstance),
        .. Collection("devices", R.Device, "/readings", "/events", "/tiles"),
        .. Collection("deviceCategories", R.DeviceCategory),
        .. Collection("accounts", R.Account),
        .. Collection("customerAssets", R.CustomerAsset),
        .. Collection("apiKeys", R.ApiKey),
        .. Collection("webhooks", R.Webhook),

        new("PATCH", $"{V}/settings", [], R.Settings, ReadBack: [$"{V}/settings"]),
        new("PATCH", $"{V}/alerts/{{id}}", ["alerts"], R.AlertStatus, ReadBack: [$"{V}/alerts/{{0}}"]),
        new("PATCH", $"{V}/cases/{{id}}", ["cases"], R.Case, ReadBack: [$"{V}/cases/{{0}}"]),
        new("PATCH", $"{V}/workOrders/{{id}}", ["workOrders"], R.WorkOrder, ReadBack: [$"{V}/workOrders/{{0}}"]),

        new("POST", $"{V}/alerts/{{id}}/case", ["alerts"], R.CaseCreate, ReadBack: [$"{V}/cases"]),
        new("POST", $"{V}/cases/{{id}}/workOrder", ["cases"], R.WorkOrderCreate, ReadBack: [$"{V}/cases/{{0}}/workOrders"]),
        new("POST", $"{V}/devices/{{id}}/commands", ["devices"], R.Command, ReadBack: [$"{V}/devices/{{0}}/commands", $"{V}/devices/{{0}}/events"]),
        new("POST", $"{V}/customerAssets/{{id}}/commands", ["customerAssets"], R.Command, ReadBack: [$"{V}/commands"]),
        new("POST", $"{V}/commands/{{id}}/cancel", ["commands"], R.NoBody, ReadBack: [$"{V}/commands/{{0}}"]),
        new("POST", $"{V}/devices/{{id}}/register", ["devices"], R.NoBody, ReadBack: [$"{V}/devices/{{0}}", $"{V}/devices/{{0}}/registrations"]),
        new("POST", $"{V}/devices/register", [], R.DeviceIds, ReadBack: [$"{V}/devices"]),
        new("POST", $"{V}/devices/{{id}}/pull", ["devices"], R.NoBody, ReadBack: [$"{V}/devices/{{0}}", $"{V}/devices/{{0}}/dataHistory"]),
        new("POST", $"{V}/devices/pull", [], R.DeviceIds, ReadBack: [$"{V}/devices"]),
        new("POST", $"{V}/devices/{{id}}/actions/{{name}}", ["devices", "=action"], R.ActionInput, ReadBack: [$"{V}/devices/{{0}}", $"{V}/alerts"]),
        new("POST", $"{V}/devices/{{id}}/readings/aggregate", ["devices"], R.Aggregate, ReadBack: [$"{V}/devices/{{0}}/readings"]),
        new("POST", $"{V}/webhooks/{{id}}/rotateSecret", ["webhooks"], R.NoBody, ReadBack: [$"{V}/webhooks/{{0}}"]),
        new("POST", $"{V}/webhooks/{{id}}/deliveries/{{deliveryId}}/redeliver", ["deliveryWebhooks", "deliveries"], R.NoBody,
            ReadBack: [$"{V}/webhooks/{{0}}/deliveries/{{1}}"]),

        .. Ingestion($"{V}/ingest", QueryStrings.Instance, []),
        .. Ingestion($"{V}/ingest/{{providerInstanceId}}", null, ["httpInstances"]),
        new("POST", $"{V}/ingest/{{providerInstanceId}}/eventgrid", ["iotHubInstances"], EventGridBodies.Deliveries, EventGridBodies.Code,
            [$"{V}/devices", $"{V}/alerts", $"{V}/deadLetters"]),

        .. Lists(
            "providers", "providerInstances", "devices", "deviceCategories", "accounts", "customerAssets", "apiKeys", "webhooks",
            "commands", "alerts", "cases", "workOrders", "deadLetters"),
        .. Counts(
            "providers", "providerInstances", "devices", "deviceCategories", "accounts", "customerAssets", "apiKeys", "webhooks",
            "commands", "alerts", "cases", "workOrders", "deadLetters"),
        Get($"{V}/$metadata"),
        Get($"{V}/devices/{{id}}/commands", "devices"),
        Get($"{V}/devices/{{id}}/registrations", "devices"),
        Get($"{V}/devices/{{id}}/dataHistory", "devices"),
        Get($"{V}/alerts/{{id}}/children", "alerts"),
        Get($"{V}/cases/{{id}}/workOrders", "cases"),
        Get($"{V}/webhooks/{{id}}/deliveries", "webhooks"),
        new("GET", $"{V}/devices/{{id}}/readings", ["devices"], Query: QueryStrings.Readings),
        new("GET", $"{V}/devices/{{id}}/events", ["devices"], Query: QueryStrings.Readings),
        new("GET", $"{V}/devices/{{id}}/tiles", ["devices"], Query: QueryStrings.Junk),
        new("GET", $"{V}/settings", [], Query: QueryStrings.Junk),
        new("GET", $"{V}/connectors", [], Query: QueryStrings.Junk),
    ];

    /// <summary>The names of a custom action: the test vendor's, one nobody has, and path segments that try to escape.</summary>
    public static Gen<string> ActionName { get; } = Gen.OneOf("echo", "raise-alert", "echo", "nope", "%00", "..", "%2e%2e", "ECHO", new string('a', 3000), "%F0%9F%98%80");

    public static FuzzRoute Find(string key) => All.Single(r => r.Key == key);

    private static IEnumerable<FuzzRoute> Collection(string name, Gen<string> body, params string[] deviceReads)
    {
        var one = $"{V}/{name}/{{0}}";
        yield return new("POST", $"{V}/{name}", [], body, ReadBack: [$"{V}/{name}"]);
        yield return new("PATCH", $"{V}/{name}/{{id}}", [name], body, ReadBack: [one, .. deviceReads.Select(r => one + r), $"{V}/{name}"]);
        yield return new("DELETE", $"{V}/{name}/{{id}}", ["del:" + name], ReadBack: [$"{V}/{name}"]);
    }

    private static IEnumerable<FuzzRoute> Ingestion(string prefix, Gen<string>? query, IReadOnlyList<string> ids)
    {
        // What an ingestion stored must still read: the seeded device's readings, aggregates and events, and the alerts.
        var device = $"{V}/devices/{FuzzPools.Token("devices", 0)}";
        string[] reads = [$"{device}/readings", $"{device}/readings?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&interval=PT1H", $"{device}/events", $"{device}/tiles",
            $"POST {device}/readings/aggregate", $"{V}/alerts", $"{V}/devices"];
        yield return new("POST", $"{prefix}/alerts", ids, R.AlertItems, query, reads);
        yield return new("POST", $"{prefix}/telemetry", ids, R.TelemetryItems, query, reads);
        yield return new("POST", $"{prefix}/state", ids, R.StateItems, query, reads);
    }

    private static IEnumerable<FuzzRoute> Lists(params string[] names) => names.Select(name => Get($"{V}/{name}"));

    private static IEnumerable<FuzzRoute> Counts(params string[] names) => names.Select(name => Get($"{V}/{name}/$count"));

    private static FuzzRoute Get(string template, params string[] ids) => new("GET", template, ids, Query: QueryStrings.OData);
}
