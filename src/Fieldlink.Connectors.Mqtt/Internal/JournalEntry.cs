using System.Text.Json.Serialization;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>A message owed to <see cref="To"/> by the <see cref="BrokerJournal"/>; <see cref="Owed"/> while no session of this run has it queued.</summary>
internal sealed class JournalEntry
{
    public long Seq { get; init; }

    public required string To { get; init; }

    public required string Topic { get; init; }

    public required byte[] Payload { get; init; }

    public int Qos { get; init; }

    public string? ContentType { get; init; }

    [JsonIgnore]
    public bool Owed { get; set; }
}
