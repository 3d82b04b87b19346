using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Model;

/// <summary>
/// A dead letter's payload made readable: indented when it is JSON (what most devices send), else the text as it came —
/// a message that is not JSON is often why it is a dead letter, so it is shown, never refused.
/// </summary>
public static class PayloadText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text to show, and whether it is formatted JSON.</summary>
    public static (string Text, bool IsJson) Format(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return ("(empty)", false);
        }

        try
        {
            var node = JsonNode.Parse(payload);
            return node is null ? (payload, false) : (node.ToJsonString(Indented), true);
        }
        catch (JsonException)
        {
            return (payload, false);
        }
    }
}
