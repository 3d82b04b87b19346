using System.Text.Json.Nodes;

namespace Fieldlink.Core.Connectors;

/// <summary>One setting of a connector's instances, as its settings class declares it.</summary>
/// <param name="Name">The JSON name (camelCase).</param>
/// <param name="Type">The JSON type it takes.</param>
/// <param name="Required">Whether an instance must give it.</param>
/// <param name="Secret">Whether it is write-only.</param>
/// <param name="Default">The value when it is not given, or null.</param>
/// <param name="Description">What it is, from the settings class's XML summary or [Description].</param>
public sealed record ConnectorSetting(string Name, ConnectorSettingType Type, bool Required, bool Secret, JsonNode? Default, string? Description);
