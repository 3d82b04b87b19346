namespace Fieldlink.Sdk;

/// <summary>
/// Whether a connector instance is connected to its system (a broker, a vendor's cloud): what it reports through
/// <see cref="IConnectorSink.ReportConnection"/>, and what <c>GET /api/v1/providerInstances</c> answers in each
/// instance's <c>connection</c>. Not a device's connection, which is <see cref="ConnectionState"/>.
/// </summary>
public enum InstanceConnectionState
{
    /// <summary>Opening, or connecting for the first time; nothing has failed yet.</summary>
    Connecting,

    /// <summary>Connected: what the system sends reaches Fieldlink.</summary>
    Connected,

    /// <summary>Not connected, with the reason in the report's error; the connector is trying again.</summary>
    Disconnected,

    /// <summary>
    /// The provider instance is disabled, so no process keeps it open. Fieldlink sets it; a connector does not report
    /// it (<see cref="IConnectorSink.ReportConnection"/> refuses it).
    /// </summary>
    Disabled,
}
