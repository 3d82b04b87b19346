using System.Text.Json.Serialization;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>The journal's JSON lines, serialized without reflection; defaults are left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(JournalLine))]
internal sealed partial class JournalJson : JsonSerializerContext;
