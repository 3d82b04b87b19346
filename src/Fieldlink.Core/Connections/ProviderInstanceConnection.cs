namespace Fieldlink.Core.Connections;

/// <summary>A provider instance and its combined connection, as <see cref="InstanceConnectionStates.ReadAllAsync"/> reads them.</summary>
/// <param name="ProviderInstanceId">The provider instance's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Enabled">Whether it is enabled.</param>
/// <param name="Connection">Its connection, combined over the live processes.</param>
public sealed record ProviderInstanceConnection(Guid ProviderInstanceId, string Name, bool Enabled, InstanceConnection Connection);
