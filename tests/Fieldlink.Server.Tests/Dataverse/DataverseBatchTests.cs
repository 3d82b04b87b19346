using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>
/// <c>$batch</c> as an integration posts alerts: multipart/mixed, change sets all or nothing, Content-ID references,
/// GETs outside change sets. Both databases.
/// </summary>
public abstract partial class DataverseBatchTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_change_set_of_alerts_is_stored_whole_and_a_GET_after_it_sees_them()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var root = $"{_admin.BaseAddress}api/data/v9.2/";
        var parts = Enumerable.Range(1, 3).Select(i => Part(i, "POST", $"{root}msdyn_iotalerts",
            $$"""{"msdyn_description": "Vibration {{i}}", "msdyn_alerttype": 192350000, "msdyn_alerttoken": "batch-{{instance.Id()}}-{{i}}", "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"}"""));
        var body = Batch(ChangeSet(parts), Get($"{root}msdyn_iotalerts?$select=msdyn_description&$filter=_msdyn_device_value eq {device.Id()}&$orderby=msdyn_description"));

        var answer = await SendBatchAsync(body);

        Assert.Equal(3, EntityIds().Count(answer));
        Assert.Contains("\"msdyn_description\":\"Vibration 3\"", answer, StringComparison.Ordinal);
        var listed = await (await _admin.GetAsync($"/api/v1/alerts?$filter=deviceRecordId eq {device.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(3, (int)listed["@odata.count"]!);
        Assert.Equal(2, listed["value"]!.AsArray().Count(a => a!["parentAlertId"] is not null));
    }

    [Fact]
    public async Task A_change_set_with_a_failing_part_is_rolled_back_and_answers_its_error()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var name = Registry.Unique("Rolled back");
        var body = Batch(ChangeSet(
            Part(1, "POST", "accounts", $$"""{"name": "{{name}}"}"""),
            Part(2, "POST", "msdyn_customerassets", $$"""{"msdyn_name": "{{name}} asset", "msdyn_Account@odata.bind": "$1"}"""),
            Part(3, "POST", "msdyn_iotalerts", $$"""{"msdyn_description": "Bad type", "msdyn_alerttype": 7, "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"}""")));

        var answer = await SendBatchAsync(body);

        Assert.Contains("400 Bad Request", answer, StringComparison.Ordinal);
        Assert.Contains("msdyn_alerttype", answer, StringComparison.Ordinal);
        Assert.DoesNotMatch(EntityIds(), answer);
        var accounts = await _admin.GetRecordAsync($"accounts?$filter=name eq '{name}'");
        Assert.Empty(accounts["value"]!.AsArray());
    }

    [Fact]
    public async Task A_Content_ID_reference_binds_a_record_made_earlier_in_the_change_set()
    {
        var name = Registry.Unique("Batch account");
        var body = Batch(ChangeSet(
            Part(1, "POST", "accounts", $$"""{"name": "{{name}}"}"""),
            Part(2, "POST", "msdyn_customerassets", $$"""{"msdyn_name": "Compressor", "msdyn_Account@odata.bind": "$1"}""")));

        var answer = await SendBatchAsync(body);

        var ids = EntityIds().Matches(answer).Select(m => Guid.Parse(m.Groups["id"].Value)).ToList();
        Assert.Equal(2, ids.Count);
        var asset = await _admin.GetRecordAsync($"msdyn_customerassets({ids[1]})");
        Assert.Equal(ids[0].ToString(), (string)asset["_msdyn_account_value"]!);
    }

    private async Task<string> SendBatchAsync(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/mixed; boundary=\"batch_AAA123\"");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{WebApi.Root}$batch") { Content = content };
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("multipart/mixed", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return text;
    }

    private static string Batch(params string[] parts) =>
        string.Concat(parts.Select(p => $"--batch_AAA123\r\n{p}\r\n")) + "--batch_AAA123--\r\n";

    private static string ChangeSet(params IEnumerable<string> parts) =>
        "Content-Type: multipart/mixed; boundary=changeset_BBB456\r\n\r\n"
        + string.Concat(parts.Select(p => $"--changeset_BBB456\r\n{p}\r\n")) + "--changeset_BBB456--";

    private static string Part(int contentId, string method, string url, string json) =>
        $"Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {contentId}\r\n\r\n"
        + $"{method} {url} HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{json}";

    private static string Get(string url) =>
        $"Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET {url} HTTP/1.1\r\nAccept: application/json\r\n";

    [GeneratedRegex(@"OData-EntityId: \S+\((?<id>[0-9a-f-]{36})\)", RegexOptions.IgnoreCase)]
    private static partial Regex EntityIds();
}

public sealed class DataverseBatchOnSqliteTests(SqliteServer server) : DataverseBatchTests(server), IClassFixture<SqliteServer>;

public sealed class DataverseBatchOnPostgresTests(PostgresServer server) : DataverseBatchTests(server), IClassFixture<PostgresServer>;
