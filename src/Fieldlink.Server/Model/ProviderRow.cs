namespace Fieldlink.Server.Model;

/// <summary>A provider on the providers page: its connector (by name, or its key when the server lacks it) and how many instances it has.</summary>
public sealed record ProviderRow(Guid Id, string Name, string Connector, string ConnectorName, bool ConnectorInstalled, string? Description, int Instances, long Version);
