using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Outcomes;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Actions;

/// <summary>Runs a connector's custom action on a device: JSON in, JSON out.</summary>
public sealed class CustomActionRunner(ActionRouter router, ConnectorRegistry registry)
{
    public async Task<Outcome<JsonNode?>> RunAsync(Guid deviceId, string name, JsonNode? input, CancellationToken cancellationToken)
    {
        var target = await router.ResolveAsync(deviceId, cancellationToken);
        if (target.Value is not { } found)
        {
            return new Outcome<JsonNode?>(target.Refusal!);
        }

        var declared = registry.Find(found.Provider.Connector)?.CustomActions ?? [];
        var action = declared.FirstOrDefault(a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (action is null)
        {
            return new Outcome<JsonNode?>(new Refusal(RefusalKind.NotSupported, ActionRouter.NotSupportedMessage($"the custom action '{name}'", found)));
        }

        var device = found.Device.ToRef();
        return await router.RunAsync<ICustomActions, JsonNode?>(action, found, (c, ct) => c.InvokeCustomActionAsync(action, device, input, ct), cancellationToken);
    }
}
