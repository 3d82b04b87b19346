namespace Fieldlink.Core.Thresholds;

/// <summary>A state change that could not be stored, and since when it has waited for a retry.</summary>
internal sealed record PendingTransition(ThresholdTransition Transition, DateTimeOffset Since);
