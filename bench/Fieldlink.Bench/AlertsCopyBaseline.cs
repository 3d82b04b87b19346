using NpgsqlTypes;

namespace Fieldlink.Bench;

/// <summary>
/// The raw baseline of the alerts figure: the alert rows <see cref="AlertsBench"/> makes (every column ingestion
/// writes, with the same device ids, descriptions, times and tokens; each device's first alert a parent, the rest its
/// children), by Npgsql binary COPY into a bare copy of the alerts table (<c>LIKE "Alerts"</c>: the same columns,
/// with the primary key on <c>Id</c> and no other index), one commit per batch, from as many sessions as the bench has
/// writers. It is what PostgreSQL takes of those rows with no device look-up, de-duplication, grouping or rollups.
/// The table is made anew each run (untimed); the loop is <see cref="BinaryCopyLoop"/>.
/// </summary>
public static class AlertsCopyBaseline
{
    private const string Table = "SuiteAlertsCopy";

    private const string Copy = $"""
        COPY "{Table}" ("Id", "CreatedAt", "UpdatedAt", "Version", "ProviderInstanceId", "ProviderId", "DeviceId", "DeviceRecordId",
            "CustomerAssetId", "AccountId", "AlertType", "Description", "AlertTime", "Data", "Token", "Url", "Status", "StatusReason",
            "ParentAlertId", "GroupKey", "ChildCount", "LastOccurrenceAt", "CaseId", "DataHistoryId", "AutoPullPending")
        FROM STDIN (FORMAT BINARY)
        """;

    public static Task<BinaryCopyLoop.Run> RunAsync(string database, AlertsBench.Parameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);

        var (alerts, devices, assets, batch, writers, _) = parameters;
        var run = $"bench-alerts-copy-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var instance = Guid.CreateVersion7();
        var provider = Guid.CreateVersion7();
        var deviceRecords = Enumerable.Range(0, devices).Select(_ => Guid.CreateVersion7()).ToArray();
        var assetIds = Enumerable.Range(0, Math.Max(assets, 1)).Select(_ => Guid.CreateVersion7()).ToArray();
        var parents = Enumerable.Range(0, devices).Select(_ => Guid.CreateVersion7()).ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var batches = (int)Math.Max(1, alerts / batch);
        return BinaryCopyLoop.RunAsync(
            database,
            Table,
            $"CREATE TABLE \"{Table}\" (LIKE \"Alerts\" INCLUDING DEFAULTS, PRIMARY KEY (\"Id\"))",
            Copy,
            batches,
            batch,
            writers,
            (import, b) =>
            {
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < batch; i++)
                {
                    var n = (long)b * batch + i;
                    var device = (int)(n % devices);
                    var time = start.AddSeconds(10 * (n / devices));
                    var isParent = n < devices;
                    import.StartRow();
                    import.Write(isParent ? parents[device] : Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    import.Write(now, NpgsqlDbType.TimestampTz);
                    import.Write(now, NpgsqlDbType.TimestampTz);
                    import.Write(1L, NpgsqlDbType.Bigint);
                    import.Write(instance, NpgsqlDbType.Uuid);
                    import.Write(provider, NpgsqlDbType.Uuid);
                    import.Write($"{run}-{device:D6}", NpgsqlDbType.Text);
                    import.Write(deviceRecords[device], NpgsqlDbType.Uuid);
                    if (assets > 0)
                    {
                        import.Write(assetIds[device % assets], NpgsqlDbType.Uuid);
                    }
                    else
                    {
                        import.WriteNull();
                    }

                    import.WriteNull();
                    import.Write("Anomaly", NpgsqlDbType.Text);
                    import.Write("Compressor overheat", NpgsqlDbType.Text);
                    import.Write(time, NpgsqlDbType.TimestampTz);
                    import.WriteNull();
                    import.Write($"{run}-{n}", NpgsqlDbType.Text);
                    import.WriteNull();
                    import.Write("Active", NpgsqlDbType.Text);
                    import.Write("New", NpgsqlDbType.Text);
                    if (isParent)
                    {
                        import.WriteNull();
                    }
                    else
                    {
                        import.Write(parents[device], NpgsqlDbType.Uuid);
                    }

                    import.Write($"{deviceRecords[device]:N}|Anomaly|compressor overheat", NpgsqlDbType.Text);
                    import.Write(0, NpgsqlDbType.Integer);
                    import.Write(time, NpgsqlDbType.TimestampTz);
                    import.WriteNull();
                    import.WriteNull();
                    import.Write(false, NpgsqlDbType.Boolean);
                }
            },
            cancellationToken);
    }
}
