using Fieldlink.Server.Cli;

namespace Fieldlink.Server.Tests.Cli;

/// <summary>Which arguments the command line leaves to the configuration, and which it refuses because the configuration would drop them.</summary>
public sealed class ConfigurationArgumentsTests
{
    private static readonly string[] Commands = ["serve", "migrate", "keys", "users"];

    [Theory]
    [InlineData()]
    [InlineData("--ADMIN_KEY=flk_x")]
    [InlineData("--Api:MaxPageSize", "50")]
    [InlineData("/Api:MaxPageSize", "50")]
    [InlineData("Api:MaxPageSize=50")]
    [InlineData("--Mqtt:Node", "serve")]
    public void What_the_configuration_reads_is_taken(params string[] arguments) =>
        Assert.Null(ConfigurationArguments.FindIgnored(arguments, Commands));

    [Theory]
    [InlineData("unknown command 'serv'; the commands are serve, migrate, keys, users", "serv")]
    [InlineData("unknown command 'stray'", "--Api:MaxPageSize", "50", "stray")]
    [InlineData("unknown option '-x'", "-x")]
    [InlineData("option '--Api:MaxPageSize' needs a value", "--Api:MaxPageSize")]
    public void What_the_configuration_would_drop_is_named(string expected, params string[] arguments) =>
        Assert.Contains(expected, ConfigurationArguments.FindIgnored(arguments, Commands), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://localhost:5000", null)]
    [InlineData("http://127.0.0.1:0;https://*:5001;http://+:5002;http://[::]:5003;http://0.0.0.0:5004", null)]
    [InlineData("http://127.0.0.1:65536", "has port 65536")]
    [InlineData("ftp://127.0.0.1:21", "neither http:// nor https://")]
    [InlineData("http://127.0.0.1:port", "is not an address")]
    public void Listen_addresses_are_checked_before_the_server_binds_them(string urls, string? expected)
    {
        var found = ListenAddresses.FindInvalid(urls);
        if (expected is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.StartsWith("--urls (urls): ", found, StringComparison.Ordinal);
            Assert.Contains(expected, found, StringComparison.Ordinal);
        }
    }
}
