using System.Net;
using Fieldlink.Core.Connectors.Plugins;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>Plugins at start-up: a plugin that cannot be loaded is reported, and the server serves all the same.</summary>
public sealed class PluginsTests
{
    [Fact]
    public async Task A_broken_plugin_does_not_keep_the_server_from_starting()
    {
        using var plugins = new TempDirectory();
        await File.WriteAllBytesAsync(Path.Combine(plugins.Path, "x.dll"), [0x4D, 0x5A, 0x00, 0x01, 0x02]);
        var server = new SqliteServer();
        server.With("Plugins:Directory", plugins.Path);
        using var _ = server.Log.ExpectErrors("PluginLoader");
        await ((IAsyncLifetime)server).InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync("/healthz")).StatusCode);
            var loaded = server.Services.GetRequiredService<PluginLoadResult>();
            Assert.Equal(Path.Combine(plugins.Path, "x.dll"), Assert.Single(loaded.Failures).File);
        }
        finally
        {
            await ((IAsyncLifetime)server).DisposeAsync();
        }
    }
}
