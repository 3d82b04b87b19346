namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// The event ids of the MQTT connector's log messages, 6000–6999 (Fieldlink gives each project its own range):
/// 6000s the connection to the broker, 6100s the inbox, 6500s the embedded broker.
/// </summary>
public static class MqttEventIds
{
    // The connection to the broker
    public const int Connected = 6000;
    public const int ConnectFailed = 6001;
    public const int Disconnected = 6002;
    public const int SharedUnavailable = 6003;

    // The inbox: received messages, stored and acknowledged
    public const int DeadLetter = 6100;
    public const int StoreFailed = 6101;
    public const int AckSkipped = 6102;
    public const int AckFailed = 6103;
    public const int StageRefused = 6104;

    // The embedded broker
    public const int BrokerStarted = 6500;
    public const int BrokerStopped = 6501;
    public const int BrokerReplayed = 6502;
    public const int BrokerReplayFailed = 6503;
    public const int BrokerSessionExpired = 6504;
    public const int BrokerQueueOverflowed = 6505;
    public const int BrokerSessionDeleteFailed = 6506;
    public const int BrokerJournalFailed = 6507;
    public const int BrokerSessionUnrecorded = 6508;
}
