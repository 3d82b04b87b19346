namespace Fieldlink.Server.Hosting;

/// <summary>Log messages of start-up and storage (event ids 5000–5099, in <see cref="ServerEventIds"/>).</summary>
public static partial class HostingLog
{
    [LoggerMessage(EventId = ServerEventIds.HostingStoreMigrated, Level = LogLevel.Information, Message = "Store {Store} is up to date ({Applied} migrations applied now)")]
    public static partial void StoreMigrated(ILogger logger, string store, int applied);

    [LoggerMessage(EventId = ServerEventIds.HostingAdminKeyEnsured, Level = LogLevel.Information, Message = "The Administrator key from FIELDLINK_ADMIN_KEY is in place")]
    public static partial void AdminKeyEnsured(ILogger logger);

    [LoggerMessage(EventId = ServerEventIds.HostingDemoSeeded, Level = LogLevel.Information, Message = "Demo seeded: provider instance {Instance} with {Devices} simulated devices, now the default instance")]
    public static partial void DemoSeeded(ILogger logger, string instance, int devices);

    [LoggerMessage(EventId = ServerEventIds.HostingDemoSkipped, Level = LogLevel.Information, Message = "Demo not seeded: the store already has providers")]
    public static partial void DemoSkipped(ILogger logger);

    // The one log line that carries a secret, on purpose: a demo's people must be able to sign in, and the password
    // is made up for a throwaway store and logged once, when the person is created.
    [LoggerMessage(EventId = ServerEventIds.HostingDemoPersonCreated, Level = LogLevel.Information, Message = "Demo {Role} created: sign in as {Email} with the password {Password}")]
    public static partial void DemoPersonCreated(ILogger logger, string role, string email, string password);

    [LoggerMessage(EventId = ServerEventIds.HostingStartGarbageReleased, Level = LogLevel.Debug, Message = "Start settled: garbage collected and returned, the heap's committed memory {CommittedBeforeMegabytes} MB -> {CommittedAfterMegabytes} MB, {HeapMegabytes} MB of it in use")]
    public static partial void StartGarbageReleased(ILogger logger, long committedBeforeMegabytes, long committedAfterMegabytes, long heapMegabytes);
}
