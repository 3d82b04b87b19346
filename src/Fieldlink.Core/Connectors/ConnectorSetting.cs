using System.Text.Json.Nodes;

namespace Fieldlink.Core.Connectors;

/// <summary>One setting of a connector's instances, as its settings class declares it.</summary>
/// <param name="Name">The JSON name (camelCase).</param>
/// <param name="Type">The JSON type it takes.</param>
/// <param name="Required">Whether an instance must give it.</param>
/// <param name="Secret">Whether it is write-only.</param>
/// <param name="Default">The value when it is not given, or null.</param>
/// <param name="Description">What it is, from the settings class's XML summary or [Description].</param>
/// <param name="Choices">
/// The only values it takes, when it is an enumeration (its member names, as JSON writes them), or null: a form offers
/// them as a choice instead of free text.
/// </param>
/// <param name="Url">Whether it is a URL (typed <see cref="Uri"/>, or a string marked [Url]): Fieldlink or the connector calls it.</param>
/// <param name="Multiline">
/// Whether its text runs over several lines (a PEM certificate or key; marked <c>[DataType(DataType.MultilineText)]</c>):
/// a form offers a text area, which keeps the line breaks a one-line input would drop.
/// </param>
public sealed record ConnectorSetting(
    string Name,
    ConnectorSettingType Type,
    bool Required,
    bool Secret,
    JsonNode? Default,
    string? Description,
    IReadOnlyList<string>? Choices = null,
    bool Url = false,
    bool Multiline = false);
