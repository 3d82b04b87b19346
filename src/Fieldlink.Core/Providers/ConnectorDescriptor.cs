namespace Fieldlink.Core.Providers;

/// <summary>What Fieldlink knows of a connector without loading it: its key, name, actions and settings schema.</summary>
public sealed record ConnectorDescriptor(string Key, string DisplayName, IReadOnlyList<string> Actions, IReadOnlyList<ConnectorSetting> Settings);
