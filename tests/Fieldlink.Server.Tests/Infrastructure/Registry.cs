using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Makes the records a test needs, each with a unique name, through the API.</summary>
public static class Registry
{
    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static Task<JsonObject> ProviderAsync(HttpClient admin, string connector = "simulator") =>
        admin.CreateAsync("providers", new { name = Unique("Provider"), connector });

    public static async Task<JsonObject> InstanceAsync(HttpClient admin, Guid? providerId = null, object? settings = null)
    {
        providerId ??= (await ProviderAsync(admin)).Id();
        return await admin.CreateAsync("providerInstances", new { providerId, name = Unique("Instance"), settings = settings ?? new { } });
    }

    public static async Task<JsonObject> DeviceAsync(HttpClient admin, Guid instanceId, string? deviceId = null, string? name = null) =>
        await admin.CreateAsync("devices", new { providerInstanceId = instanceId, name = name ?? Unique("Device"), deviceId = deviceId ?? Unique("dev") });

    /// <summary>An instance of the test vendor whose system behaves as asked (see TestVendorSettings).</summary>
    public static async Task<JsonObject> VendorInstanceAsync(HttpClient admin, string behaviour = "ok", string commandOutcome = "succeed")
    {
        var provider = await ProviderAsync(admin, TestVendor.TestVendorConnector.ConnectorKey);
        return await InstanceAsync(admin, provider.Id(), new { host = "vendor.example", behaviour, commandOutcome });
    }

    /// <summary>Creates an API key with <paramref name="role"/> and returns its secret.</summary>
    public static async Task<string> KeyAsync(HttpClient admin, string role, Guid? providerInstanceId = null)
    {
        var key = await admin.CreateAsync("apiKeys", new { name = Unique(role), role, providerInstanceId });
        return (string)key["key"]!;
    }
}
