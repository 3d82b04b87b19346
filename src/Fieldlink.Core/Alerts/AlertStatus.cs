namespace Fieldlink.Core.Alerts;

/// <summary>Where an alert stands: Active → InProgress → Closed, and reopened to Active.</summary>
public enum AlertStatus
{
    Active,
    InProgress,
    Closed,
}
