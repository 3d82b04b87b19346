namespace Fieldlink.Core.Devices;

/// <summary>The unit of a summary tile's time range.</summary>
public enum TileTimeUnit
{
    Hours,
    Days,
}
