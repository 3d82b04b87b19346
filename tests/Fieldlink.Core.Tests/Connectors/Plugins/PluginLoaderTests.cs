using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors.Plugins;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fieldlink.Core.Tests.Connectors.Plugins;

/// <summary>Loading connector plugins from a plugins directory: the Contoso sample, and plugins that fail.</summary>
public sealed class PluginLoaderTests : IDisposable
{
    /// <summary>Where the test project's build dropped the sample (see CopyContosoPlugin in the project file).</summary>
    private static readonly string BuiltSample = Path.Combine(AppContext.BaseDirectory, "plugins", "contoso");

    private readonly string _plugins = Path.Combine(Path.GetTempPath(), "fieldlink-plugins-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly RecordingLogger _log = new();

    public PluginLoaderTests() => Directory.CreateDirectory(_plugins);

    public void Dispose() => Directory.Delete(_plugins, recursive: true);

    [Fact]
    public void The_sample_loads_in_its_own_context_sharing_the_hosts_sdk()
    {
        CopySample("contoso");

        var result = Load();

        Assert.Empty(result.Failures);
        var connector = Assert.Single(result.Connectors);
        Assert.Equal("contoso", connector.Key);
        Assert.Equal(["Blink"], connector.CustomActions);
        var context = AssemblyLoadContext.GetLoadContext(connector.GetType().Assembly);
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.Same(typeof(Connector).Assembly, connector.GetType().BaseType!.BaseType!.Assembly);
        Assert.Same(typeof(ILogger).Assembly, context!.LoadFromAssemblyName(new System.Reflection.AssemblyName("Microsoft.Extensions.Logging.Abstractions")));
        Assert.False(File.Exists(Path.Combine(BuiltSample, "Fieldlink.Sdk.dll")), "The sample's build copied the SDK into the plugin folder.");
    }

    [Fact]
    public async Task The_sample_registers_pulls_and_blinks_a_device()
    {
        CopySample("contoso");
        var connector = Assert.Single(Load().Connectors);
        var settings = Activator.CreateInstance(connector.SettingsType)!;
        await using var instance = connector.Open(new ConnectorContext(Guid.NewGuid(), "Contoso EU", null, settings, new NoSink(), NullLoggerFactory.Instance, TimeProvider.System));
        var device = new DeviceRef(Guid.NewGuid(), "ct-17", "Rooftop chiller", null, Simulated: false);

        Assert.Equal(DeviceDataStatus.NotFound, Assert.Single(await ((IPullDeviceData)instance).PullDeviceDataAsync([device], CancellationToken.None)).Status);
        var registered = Assert.Single(await ((IRegisterDevices)instance).RegisterDevicesAsync([device], CancellationToken.None));
        var pulled = Assert.Single(await ((IPullDeviceData)instance).PullDeviceDataAsync([device], CancellationToken.None));
        var blink = await ((ICustomActions)instance).InvokeCustomActionAsync("Blink", device, new JsonObject { ["seconds"] = 3 }, CancellationToken.None);

        Assert.Equal(device.Id, registered.Id);
        Assert.Equal(RegistrationStatus.Registered, registered.Status);
        Assert.Contains("demo", registered.Message, StringComparison.Ordinal);
        Assert.Equal((DeviceDataStatus.Enabled, ConnectionState.Connected), (pulled.Status, pulled.ConnectionState));
        Assert.Equal("Contoso T-100", (string)pulled.ReportedProperties!["model"]!);
        Assert.Equal("ct-17", (string)blink!["deviceId"]!);
    }

    [Fact]
    public void A_broken_assembly_is_reported_and_logged_and_the_others_still_load()
    {
        CopySample("contoso");
        File.WriteAllBytes(Path.Combine(_plugins, "x.dll"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var result = Load();

        Assert.Equal("contoso", Assert.Single(result.Connectors).Key);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(Path.Combine(_plugins, "x.dll"), failure.File);
        Assert.Contains("not a .NET assembly", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("x.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_without_a_plugin_assembly_is_reported()
    {
        Directory.CreateDirectory(Path.Combine(_plugins, "empty"));
        File.WriteAllText(Path.Combine(_plugins, "empty", "readme.txt"), "nothing to load");

        var failure = Assert.Single(Load().Failures);

        Assert.Equal(Path.Combine(_plugins, "empty"), failure.File);
        Assert.Contains("empty.dll", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_connectors_is_reported()
    {
        var library = typeof(FactAttribute).Assembly.Location;
        Directory.CreateDirectory(Path.Combine(_plugins, "nothing"));
        File.Copy(library, Path.Combine(_plugins, "nothing", "nothing.dll"));

        var result = Load();

        Assert.Empty(result.Connectors);
        Assert.Contains("no public, non-abstract class deriving from Fieldlink.Sdk.Connector", Assert.Single(result.Failures).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connector_that_cannot_be_created_is_reported_and_its_siblings_load()
    {
        // A copy of this test assembly as a bare dll: its dependencies come from the host, as a bare dll's do.
        File.Copy(typeof(PluginLoaderTests).Assembly.Location, Path.Combine(_plugins, "mixed.dll"));

        var result = Load();

        Assert.Equal("well-behaved", Assert.Single(result.Connectors).Key);
        Assert.Collection(
            result.Failures.OrderBy(f => f.Reason, StringComparer.Ordinal),
            f => Assert.Contains("ArgumentConnector has no public parameterless constructor", f.Reason, StringComparison.Ordinal),
            f => Assert.Contains("ThrowingConnector could not be created: InvalidOperationException: The licence file is missing.", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void No_plugins_directory_means_no_plugins()
    {
        var result = new PluginLoader(_log).Load(Path.Combine(_plugins, "absent"));

        Assert.Empty(result.Connectors);
        Assert.Empty(result.Failures);
    }

    private PluginLoadResult Load() => new PluginLoader(_log).Load(_plugins);

    private void CopySample(string folder)
    {
        Assert.True(File.Exists(Path.Combine(BuiltSample, "Contoso.Fieldlink.Connector.dll")), $"The sample was not built into {BuiltSample}.");
        var target = Directory.CreateDirectory(Path.Combine(_plugins, folder)).FullName;
        foreach (var file in Directory.GetFiles(BuiltSample))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    private sealed class NoSink : IConnectorSink
    {
        public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class RecordingLogger : ILogger<PluginLoader>
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
