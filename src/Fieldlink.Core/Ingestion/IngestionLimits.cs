namespace Fieldlink.Core.Ingestion;

/// <summary>The bounds every ingestion path (HTTP or a connector's sink) holds items to.</summary>
public static class IngestionLimits
{
    /// <summary>The most items one HTTP ingestion request carries (API.md); a larger one is refused whole with 413.</summary>
    public const int MaxItemsPerRequest = 1000;

    /// <summary>How far ahead of this server's clock a timestamp may be: device clocks drift, but not by days.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);

    /// <summary>The longest <c>deviceId</c> (the length a device's id is stored with).</summary>
    public const int DeviceIdMaxLength = 200;
}
