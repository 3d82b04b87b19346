using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Readings;

/// <summary>The Readings settings are checked when the server starts, not when the first sweep runs.</summary>
public sealed class ReadingsOptionsTests
{
    [Theory]
    [InlineData("Readings:RetentionDays", "-1")]
    [InlineData("Readings:RetentionBatchSize", "0")]
    [InlineData("Readings:RetentionSweepInterval", "00:00:00")]
    public async Task An_invalid_setting_stops_the_server_at_start_naming_it(string key, string value)
    {
        var server = new SqliteServer();
        server.With(key, value);
        try
        {
            var thrown = await Assert.ThrowsAnyAsync<Exception>(() => ((IAsyncLifetime)server).InitializeAsync());
            Assert.Contains(key.Split(':')[1], thrown.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)server).DisposeAsync();
        }
    }
}
