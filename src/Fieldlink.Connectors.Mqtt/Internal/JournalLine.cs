namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>One line of the <see cref="BrokerJournal"/>.</summary>
internal sealed class JournalLine
{
    public required string Op { get; init; }

    public long Seq { get; init; }

    public string? Client { get; init; }

    public string? Filter { get; init; }

    public int Qos { get; init; }

    public JournalEntry? Entry { get; set; }
}
