using System.Net;
using System.Net.Sockets;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Cli;

/// <summary>
/// What the command line and the configuration are given never starts a server by mistake nor ends in a stack
/// trace: a one-line error naming the option, and a non-zero exit.
/// </summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("serv")]
    [InlineData("migrat")]
    [InlineData("help")]
    public async Task An_unknown_command_stops_with_one_line_naming_it_and_the_commands(string typo)
    {
        using var dataDir = new TempDirectory();
        var result = await FieldlinkProcess.RunAsync(typo, "--urls", $"http://127.0.0.1:{FieldlinkProcess.FreePort()}", "--data-dir", dataDir.Path);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.Contains($"unknown command '{typo}'", line, StringComparison.Ordinal);
        Assert.Contains("serve, migrate, keys, users", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDir.Path, "fieldlink.db")), "the server started");
    }

    [Theory]
    [InlineData("keys", "creat")]
    [InlineData("keys", "create", "--name", "no role")]
    [InlineData("migrate", "--bogus")]
    [InlineData("migrate", "stray")]
    [InlineData("serve", "--urls")]
    public async Task A_command_line_mistake_is_one_line_and_exit_code_2(params string[] args)
    {
        using var dataDir = new TempDirectory();
        var result = await FieldlinkProcess.RunAsync(["--data-dir", dataDir.Path, .. args]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.StartsWith("fieldlink: ", line, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
        Assert.False(File.Exists(Path.Combine(dataDir.Path, "fieldlink.db")), "the store was opened");
    }

    [Fact]
    public async Task Serve_with_demo_and_the_broker_port_taken_stops_with_one_line_naming_the_option()
    {
        using var dataDir = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await FieldlinkProcess.RunAsync(
            "serve", "--demo", "--mqtt-broker", $"embedded:{port}", "--urls", $"http://127.0.0.1:{FieldlinkProcess.FreePort()}", "--data-dir", dataDir.Path);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.Contains("--mqtt-broker", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_stops_with_one_line_naming_urls()
    {
        using var dataDir = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await FieldlinkProcess.RunAsync("serve", "--urls", url, "--data-dir", dataDir.Path);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.Contains(url, line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:99999", "--urls")]
    [InlineData("--urls", "ftp://127.0.0.1:5000", "--urls")]
    [InlineData("--urls", "not an address", "--urls")]
    [InlineData("--database", "postgresql://u@[bad/db", "--database")]
    [InlineData("--database", "postgresql://u@127.0.0.1:1/db", "--database")]
    [InlineData("--database", "{file}", "--database")]
    [InlineData("--database", "{dir}", "--database")]
    [InlineData("--data-dir", "{file}/data", "--data-dir")]
    [InlineData("--mqtt-broker", "embedded:0", "Mqtt:Broker")]
    [InlineData("--Api:MaxPageSize", "many", "Api:MaxPageSize")]
    [InlineData("--Commands:PollInterval", "often", "Commands:PollInterval")]
    [InlineData("--Demo", "maybe", "Demo")]
    [InlineData("--Commands:LeaseDuration", "00:00:00", "LeaseDuration")]
    [InlineData("--Readings:RetentionDays", "-1", "RetentionDays")]
    [InlineData("--Readings:RetentionBatchSize", "0", "RetentionBatchSize")]
    [InlineData("--Readings:RetentionSweepInterval", "00:00:00", "RetentionSweepInterval")]
    [InlineData("--Retention:CommandDays", "-1", "CommandDays")]
    [InlineData("--Retention:BatchSize", "0", "BatchSize")]
    [InlineData("--Readiness:OutboxOldest", "00:00:00", "OutboxOldest")]
    public async Task Serve_with_a_bad_setting_stops_with_one_line_naming_it(string option, string value, string named)
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "not-a-database.txt");
        await File.WriteAllTextAsync(file, "this is not a database, and long enough to prove it is not one");
        value = value.Replace("{file}", file, StringComparison.Ordinal).Replace("{dir}", dir.Path, StringComparison.Ordinal);
        string[] args = option switch
        {
            "--urls" => ["serve", option, value, "--data-dir", dir.Path],
            "--data-dir" => ["serve", option, value, "--urls", $"http://127.0.0.1:{FieldlinkProcess.FreePort()}"],
            _ => ["serve", option, value, "--urls", $"http://127.0.0.1:{FieldlinkProcess.FreePort()}", "--data-dir", Path.Combine(dir.Path, "data")],
        };

        var result = await FieldlinkProcess.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.StartsWith("fieldlink: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("postgresql://u@127.0.0.1:1/db")]
    [InlineData("{dir}")]
    public async Task Migrate_with_a_database_it_cannot_open_prints_one_line_naming_the_option(string database)
    {
        using var dir = new TempDirectory();
        var result = await FieldlinkProcess.RunAsync("migrate", "--database", database.Replace("{dir}", dir.Path, StringComparison.Ordinal));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.StartsWith("fieldlink: --database (Database): cannot open", line, StringComparison.Ordinal);
    }

    private static void AssertNoStackTrace(FieldlinkProcess.Result result)
    {
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Output + result.Error, StringComparison.Ordinal);
    }
}
