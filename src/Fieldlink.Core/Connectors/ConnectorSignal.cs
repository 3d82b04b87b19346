using Fieldlink.Core.Data;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// Wakes the <see cref="ConnectorInstanceHost"/> when a provider instance was created, changed or deleted, or a
/// provider changed (its connector, which its instances open with), by this
/// process or (on PostgreSQL, through the live change feed) another, so it opens, reopens or closes the instance at once.
/// </summary>
public sealed class ConnectorSignal(TimeProvider time) : WakeUpSignal(time);
