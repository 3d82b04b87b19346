namespace Fieldlink.Connectors.Simulator;

/// <summary>
/// The event ids of the simulator's log messages, 8000–8999 (Fieldlink gives each project its own range):
/// 8000s the instance, 8100s commands.
/// </summary>
public static class SimulatorEventIds
{
    // The instance
    public const int Started = 8000;
    public const int TelemetryFailed = 8001;

    // Commands
    public const int CommandLost = 8100;
    public const int CommandEnded = 8101;
    public const int CommandReportFailed = 8102;
}
