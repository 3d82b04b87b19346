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

    /// <summary>"open": how long the session may stay away once gone; null for ever.</summary>
    public long? ExpirySeconds { get; init; }

    /// <summary>"gone": when the session's connection ended.</summary>
    public DateTimeOffset? At { get; init; }
}
