using System.Diagnostics;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Fieldlink.Sdk;
using Fieldlink.Server.Model;
using HdrHistogram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Bench;

/// <summary>
/// The web app's alerts list on a large store: fills it once with <c>alerts</c> parent alerts (grouping off, so every
/// alert is a row of the list) from <c>devices</c> devices of four providers, on 100 customer assets of 10 accounts,
/// over 30 days, the older ones closed; then times <see cref="AlertList.LoadAsync"/> — what the page calls for each
/// load: the page of alerts, its count, and the names on it — for the first page, later pages, and each filter.
/// </summary>
public static class AlertListBench
{
    private const string Prefix = "bench-alertlist";
    private static readonly string[] Descriptions = ["Compressor overheat", "Door open too long", "Battery low", "Filter change due", "Suction pressure low"];

    public static async Task RunAsync(TextWriter output, string database, int alerts, int devices, int runs, CancellationToken cancellationToken)
    {
        await using var store = await BenchStore.OpenAsync(database, cancellationToken);
        var seeded = Stopwatch.StartNew();
        var fill = await FillAsync(store, alerts, devices, cancellationToken);
        output.WriteLine(fill.Created
            ? $"filled: {alerts:N0} alerts from {devices:N0} devices in {seeded.Elapsed.TotalSeconds:F1} s"
            : "the data set was there already");

        var list = new AlertList(store.Scopes);
        var first = Stopwatch.StartNew();
        var firstPage = await list.LoadAsync(new AlertListQuery(), cancellationToken);
        output.WriteLine($"alerts list on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {firstPage.Total:N0} parent alerts in the list");
        output.WriteLine($"  first load of the process (cold: EF model, connection, plans): {first.Elapsed.TotalMilliseconds:F1} ms");

        var lastPage = (int)((firstPage.Total - 1) / 25);
        var scenarios = new (string Name, AlertListQuery Query)[]
        {
            ("first page (newest first, 25, with count)", new AlertListQuery()),
            ("page 2", new AlertListQuery { Page = 1 }),
            ("page 400 (skip 9,975)", new AlertListQuery { Page = 399 }),
            ($"last page ({lastPage + 1:N0})", new AlertListQuery { Page = lastPage }),
            ("status Active", new AlertListQuery { Status = AlertStatus.Active }),
            ("type PreventiveMaintenance", new AlertListQuery { Type = AlertType.PreventiveMaintenance }),
            ("provider", new AlertListQuery { ProviderId = fill.Provider }),
            ("account", new AlertListQuery { AccountId = fill.Account }),
            ("customer asset", new AlertListQuery { CustomerAssetId = fill.Asset }),
            ("last 24 hours", new AlertListQuery { From = fill.Newest.AddHours(-24) }),
            ("search 'overheat'", new AlertListQuery { Search = "overheat" }),
            ("search a device's name", new AlertListQuery { Search = $"{Prefix}-2-000042" }),
            ("sort by description", new AlertListQuery { SortBy = nameof(AlertRow.Description), Descending = false }),
            ("provider + Active + page 3", new AlertListQuery { ProviderId = fill.Provider, Status = AlertStatus.Active, Page = 2 }),
        };

        foreach (var (name, query) in scenarios)
        {
            var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
            long total = 0;
            for (var i = 0; i < runs + 5; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var page = await list.LoadAsync(query, cancellationToken);
                if (i >= 5)
                {
                    histogram.RecordValue(Stopwatch.GetElapsedTime(started).Ticks);
                }

                total = page.Total;
            }

            output.WriteLine($"  {name,-44} p50 {TelemetryBench.Ms(histogram, 50),6} ms  p99 {TelemetryBench.Ms(histogram, 99),6} ms  max {TelemetryBench.Ms(histogram, 100),6} ms  ({total:N0} match)");
        }
    }

    private sealed record Fill(bool Created, Guid Provider, Guid Account, Guid Asset, DateTimeOffset Newest);

    /// <summary>
    /// Providers, devices, accounts and assets through EF, the alerts through <see cref="AlertIngestion"/> in batches of
    /// 1,000 (the fast path connectors use), grouping off; then the alerts older than three days are closed.
    /// </summary>
    private static async Task<Fill> FillAsync(BenchStore store, int alerts, int devices, CancellationToken cancellationToken)
    {
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var existing = await db.Providers.AsNoTracking().Where(p => p.Name.StartsWith(Prefix)).OrderBy(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            var account = await db.Accounts.AsNoTracking().Where(a => a.Name.StartsWith(Prefix)).OrderBy(a => a.Name).Select(a => a.Id).FirstAsync(cancellationToken);
            var asset = await db.CustomerAssets.AsNoTracking().Where(a => a.Name.StartsWith(Prefix)).OrderBy(a => a.Name).Select(a => a.Id).FirstAsync(cancellationToken);
            var latest = await db.Alerts.MaxAsync(a => a.AlertTime, cancellationToken);
            return new Fill(false, existing.Id, account, asset, latest);
        }

        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new IoTSettings { Id = IoTSettings.SingletonId });
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.Settings.ExecuteUpdateAsync(s => s.SetProperty(x => x.AlertGroupingEnabled, false).SetProperty(x => x.AutoPullOnAlert, false), cancellationToken);

        var accounts = Enumerable.Range(0, 10).Select(i => new Account { Id = Guid.CreateVersion7(), Name = $"{Prefix}-account-{i:D2}" }).ToList();
        var assets = Enumerable.Range(0, 100).Select(i => new CustomerAsset { Id = Guid.CreateVersion7(), Name = $"{Prefix}-asset-{i:D3}", AccountId = accounts[i % 10].Id }).ToList();
        db.Accounts.AddRange(accounts);
        db.CustomerAssets.AddRange(assets);
        var instances = new List<ProviderInstance>();
        var providers = new List<Provider>();
        for (var p = 0; p < 4; p++)
        {
            var provider = new Provider { Id = Guid.CreateVersion7(), Name = $"{Prefix}-{p}", Connector = "bench" };
            providers.Add(provider);
            instances.Add(new ProviderInstance { Id = Guid.CreateVersion7(), ProviderId = provider.Id, Name = $"{Prefix}-{p}" });
        }

        db.Providers.AddRange(providers);
        await db.SaveChangesAsync(cancellationToken);
        db.ProviderInstances.AddRange(instances);
        await db.SaveChangesAsync(cancellationToken);
        var registered = Enumerable.Range(0, devices).Select(i => new Device
        {
            Id = Guid.CreateVersion7(),
            Name = $"{Prefix}-{i % 4}-{i:D6}",
            DeviceId = $"{Prefix}-{i % 4}-{i:D6}",
            ProviderInstanceId = instances[i % 4].Id,
            CustomerAssetId = assets[i % 100].Id,
            AccountId = accounts[i % 100 % 10].Id,
        }).ToList();
        db.Devices.AddRange(registered);
        await db.SaveChangesAsync(cancellationToken);

        // 30 days of alerts, evenly spaced, device after device; each instance's alerts go to it in batches of 1,000.
        var newest = DateTimeOffset.UtcNow.AddMinutes(-1);
        var step = TimeSpan.FromDays(30) / alerts;
        var types = Enum.GetValues<AlertType>();
        var byInstance = Enumerable.Range(0, alerts)
            .Select(n => (Device: registered[n % devices], Report: new AlertReport(
                registered[n % devices].DeviceId, Descriptions[n % Descriptions.Length], types[n / devices % types.Length], newest - (step * n), Token: $"{Prefix}-{n}")))
            .GroupBy(a => a.Device.ProviderInstanceId);
        foreach (var group in byInstance)
        {
            foreach (var batch in group.Select(g => g.Report).Chunk(1000))
            {
                await using var ingest = store.Scope();
                var outcomes = await ingest.ServiceProvider.GetRequiredService<AlertIngestion>().IngestAsync(group.Key, batch, cancellationToken);
                if (outcomes.Any(o => o.Status != IngestionStatus.Created))
                {
                    throw new InvalidOperationException("The benchmark's alerts were not all created.");
                }
            }
        }

        await db.Alerts.Where(a => a.AlertTime < newest.AddDays(-3)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Closed), cancellationToken);
        await db.Alerts.Where(a => a.AlertTime >= newest.AddDays(-3) && a.AlertTime < newest.AddDays(-1)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.InProgress), cancellationToken);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        return new Fill(true, providers[0].Id, accounts[0].Id, assets[0].Id, newest);
    }
}
