using System.Text.Json.Nodes;
using Fieldlink.Core.Connections;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Providers;

/// <summary>A provider instance as the API shows it: its settings without the secret ones, and its connection.</summary>
/// <param name="Id">Fieldlink's id of the provider instance.</param>
/// <param name="ProviderId">The provider it is an instance of.</param>
/// <param name="Name">Its name.</param>
/// <param name="InstanceId">Its id in its source system, e.g. the IoT hub's name.</param>
/// <param name="Url">Its URL, if it has one.</param>
/// <param name="Enabled">Whether its connector is kept open; a disabled instance's connection is Disabled.</param>
/// <param name="Settings">The connector settings, without those any connector marks secret.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="ConnectionState">
/// Its connection's state (<c>connection.state</c>), as a field of its own so a list filters and orders by it:
/// <c>$filter=connectionState eq 'Disconnected'</c>.
/// </param>
/// <param name="Connection">
/// Whether it is connected, combined over the live processes, with each process's own report in its nodes.
/// </param>
public sealed record ProviderInstanceRead(
    Guid Id,
    Guid ProviderId,
    string Name,
    string? InstanceId,
    string? Url,
    bool Enabled,
    JsonObject Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    InstanceConnectionState ConnectionState,
    InstanceConnection Connection);
