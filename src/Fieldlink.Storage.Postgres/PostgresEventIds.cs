namespace Fieldlink.Storage.Postgres;

/// <summary>The log event ids of the PostgreSQL store: 9000–9499 (storage has 9000–9999).</summary>
public static class PostgresEventIds
{
    // The change listener: 9000–9019 (PostgresLog)
    public const int ChangeListenerListening = 9000;
    public const int ChangeListenerLost = 9001;
}
