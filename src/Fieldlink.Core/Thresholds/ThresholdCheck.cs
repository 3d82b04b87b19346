using Fieldlink.Core.Readings;

namespace Fieldlink.Core.Thresholds;

/// <summary>A reading to check: its place in the batch, its normalized time, and the rule of its measure.</summary>
internal readonly record struct ThresholdCheck(int Index, DateTimeOffset At, DeviceReading Reading, ThresholdDevice Device, ThresholdRule Rule);
