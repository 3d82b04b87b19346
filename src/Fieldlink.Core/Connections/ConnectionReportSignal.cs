using Fieldlink.Core.Data;

namespace Fieldlink.Core.Connections;

/// <summary>Wakes the <see cref="ConnectionReportWriter"/> when this process's connection state of an instance changed.</summary>
internal sealed class ConnectionReportSignal(TimeProvider time) : WakeUpSignal(time);
