using Fieldlink.Sdk;
using MudBlazor;

namespace Fieldlink.Server.Components.Controls;

/// <summary>The colours of a device's and its commands' status chips, the same on every page.</summary>
public static class DeviceColors
{
    public static Color Registration(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => Color.Success,
        RegistrationStatus.Error => Color.Error,
        RegistrationStatus.InProgress => Color.Info,
        _ => Color.Default,
    };

    public static Color Connection(ConnectionState state) => state switch
    {
        ConnectionState.Connected => Color.Success,
        ConnectionState.Disconnected => Color.Warning,
        _ => Color.Default,
    };

    public static Color Command(CommandStatus status) => status switch
    {
        CommandStatus.Succeeded => Color.Success,
        CommandStatus.Failed or CommandStatus.TimedOut => Color.Error,
        CommandStatus.Expired or CommandStatus.Canceled => Color.Default,
        _ => Color.Info,
    };
}
