namespace Fieldlink.Core.Providers;

/// <summary>One setting of a connector's instances: its JSON name and type, and whether it is required or secret.</summary>
public sealed record ConnectorSetting(string Name, ConnectorSettingType Type, bool Required = false, bool Secret = false, string? Description = null);
