using Fieldlink.Sdk;

namespace Fieldlink.Core.Connectors;

/// <summary>The provider actions, by name, and the SDK interface that implements each.</summary>
public static class ConnectorAction
{
    public const string RegisterDevices = nameof(RegisterDevices);
    public const string PullDeviceData = nameof(PullDeviceData);
    public const string SendCommand = nameof(SendCommand);
    public const string QueryReadings = nameof(QueryReadings);
    public const string AggregateReadings = nameof(AggregateReadings);
    public const string GetDeviceEvents = nameof(GetDeviceEvents);

    /// <summary>Each action with the interface an instance implements to support it.</summary>
    public static IReadOnlyList<(string Name, Type Interface)> All { get; } =
    [
        (RegisterDevices, typeof(IRegisterDevices)),
        (PullDeviceData, typeof(IPullDeviceData)),
        (SendCommand, typeof(ISendCommands)),
        (QueryReadings, typeof(IQueryReadings)),
        (AggregateReadings, typeof(IAggregateReadings)),
        (GetDeviceEvents, typeof(IGetDeviceEvents)),
    ];

    /// <summary>The actions instances of <paramref name="instanceType"/> support.</summary>
    public static IReadOnlyList<string> Of(Type instanceType)
    {
        ArgumentNullException.ThrowIfNull(instanceType);
        return [.. All.Where(a => a.Interface.IsAssignableFrom(instanceType)).Select(a => a.Name)];
    }
}
