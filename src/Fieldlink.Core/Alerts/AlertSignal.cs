using Fieldlink.Core.Data;

namespace Fieldlink.Core.Alerts;

/// <summary>Wakes this process's <see cref="AlertAutoPull"/> worker when alerts that want a pull were stored here.</summary>
public sealed class AlertSignal(TimeProvider time) : WakeUpSignal(time);
