namespace Fieldlink.Server.Model;

/// <summary>The spans the readings chart offers, up to now; <see cref="Custom"/> is a from and a to of any length.</summary>
public enum ChartRange
{
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,
    Custom,
}
