using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>
/// An administrator fills in an instance's settings from <c>GET /api/v1/connectors</c> alone (the web app's form is
/// generated from it), so every setting of every built-in connector says what it is.
/// </summary>
public sealed class ConnectorSettingsDescriptionTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static readonly string[] TestConnectors = [TestVendorConnector.ConnectorKey, "listening-only"];

    [Fact]
    public async Task Every_setting_of_every_built_in_connector_has_a_description()
    {
        var body = JsonNode.Parse(await server.Client().GetStringAsync("/api/v1/connectors"))!;
        var builtIn = body["value"]!.AsArray().Where(c => !TestConnectors.Contains((string)c!["key"]!)).ToList();

        Assert.Equal(["azure-iot-hub", "http", "mqtt", "simulator"], builtIn.Select(c => (string)c!["key"]!).Order());
        var undescribed = builtIn
            .SelectMany(c => c!["settings"]!.AsArray().Select(s => (Connector: (string)c["key"]!, Setting: s!)))
            .Where(s => string.IsNullOrWhiteSpace((string?)s.Setting["description"]))
            .Select(s => $"{s.Connector}.{(string)s.Setting["name"]!}")
            .ToList();
        Assert.True(undescribed.Count == 0, "Settings without a description: " + string.Join(", ", undescribed));
        Assert.All(builtIn, c => Assert.NotEmpty(c!["settings"]!.AsArray()));
    }
}
