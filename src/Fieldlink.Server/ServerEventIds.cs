namespace Fieldlink.Server;

/// <summary>
/// Every log event id of the server, grouped by range as its [LoggerMessage] classes are (as npgsql's <c>NpgsqlEventId</c>).
/// The server's ids are 5000–5999 (Core has 1000–4999; see <see cref="Core.CoreEventIds"/>).
/// </summary>
public static class ServerEventIds
{
    // Start-up and storage: 5000–5099 (HostingLog)
    public const int HostingStoreMigrated = 5000;
    public const int HostingAdminKeyEnsured = 5001;
    public const int HostingDemoSeeded = 5010;
    public const int HostingDemoSkipped = 5011;
    public const int HostingDemoPersonCreated = 5012;
    public const int HostingStartGarbageReleased = 5020;

    // The web app: 5100–5199
    public const int LiveReloadFailed = 5100;
    public const int WebAppWarmedUp = 5101;
    public const int WebAppWarmUpFailed = 5102;

    // Authentication: 5200–5299 (AuthLog)
    public const int ApiKeyUseNotRecorded = 5200;
}
