namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>The event ids of the Azure IoT Hub connector's logs: 7600–7699.</summary>
internal static class AzureIoTHubEventIds
{
    public const int Registered = 7600;
    public const int RegistrationRefused = 7601;
    public const int MethodAnswered = 7610;
    public const int MethodTimedOut = 7611;
    public const int DesiredPatched = 7612;
    public const int ReportedBack = 7613;
    public const int ReportedBackCheckFailed = 7614;
    public const int ReportedBackLoopFailed = 7615;
    public const int EventHubsStarted = 7620;
    public const int EventHubsStopped = 7621;
    public const int EventHubsError = 7622;
    public const int EventHubsBatchStored = 7623;
    public const int EventHubsStoreUnavailable = 7624;
    public const int EventHubsBatchFailed = 7625;
    public const int EventHubsBatchDeadLettered = 7626;
    public const int DeliveredCommandsUnread = 7616;
}
