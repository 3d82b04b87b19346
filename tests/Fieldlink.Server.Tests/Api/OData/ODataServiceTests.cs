using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.OData;

/// <summary>$expand, $count, keys in parentheses, odata.maxpagesize, Basic credentials and the refusals, on both databases.</summary>
public abstract class ODataServiceTests(FieldlinkServer server) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private ODataData _data = null!;

    public async Task InitializeAsync() => _data = await ODataData.CreateAsync(_admin);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Expand_single_references_with_nested_select()
    {
        var page = await GetAsync($"/api/v1/devices?$filter=id eq {_data.Device}&$expand=providerInstance($select=name),category,customerAsset($expand=account($select=name))");
        Assert.EndsWith("$metadata#devices(*,providerInstance(name),category(),customerAsset(*,account(name)))", (string)page["@odata.context"]!, StringComparison.Ordinal);
        var device = Assert.Single(page["value"]!.AsArray())!;
        Assert.Equal(["name"], device["providerInstance"]!.AsObject().Select(p => p.Key));
        Assert.Equal(_data.Category.ToString(), (string)device["category"]!["id"]!);
        Assert.Equal(_data.Asset.ToString(), (string)device["customerAsset"]!["id"]!);
        Assert.Equal(["name"], device["customerAsset"]!["account"]!.AsObject().Select(p => p.Key));

        var alert = (await GetAsync($"/api/v1/alerts?$filter=id eq {_data.Children[0]}&$select=id&$expand=device($select=name),customerAsset($select=id),parent($select=id),case($select=id)"))["value"]![0]!;
        Assert.Equal(_data.Parent.ToString(), (string)alert["parent"]!["id"]!);
        Assert.Equal(_data.Asset.ToString(), (string)alert["customerAsset"]!["id"]!);
        Assert.NotNull(alert["device"]!["name"]);
        Assert.Equal(_data.Case.ToString(), (string)alert["case"]!["id"]!);
        var parent = (await GetAsync($"/api/v1/alerts?$filter=id eq {_data.Parent}&$expand=case($select=id),parent"))["value"]![0]!;
        Assert.Equal(_data.Case.ToString(), (string)parent["case"]!["id"]!);
        Assert.True(parent.AsObject().ContainsKey("parent"));
        Assert.Null(parent["parent"]);
    }

    [Fact]
    public async Task Expand_children_with_nested_select_filter_order_and_top()
    {
        var page = await GetAsync($"/api/v1/alerts?$filter=id eq {_data.Parent}&$expand=children($select=id,description;$orderby=alertTime;$top=2)");
        var children = page["value"]![0]!["children"]!.AsArray();
        Assert.Equal([_data.Children[0].ToString(), _data.Children[1].ToString()], children.Select(c => (string)c!["id"]!));
        Assert.All(children, c => Assert.Equal(["description", "id"], c!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));

        var filtered = await GetAsync($"/api/v1/alerts?$filter=id eq {_data.Parent}&$expand=children($filter=description eq 'Overheat again 3';$expand=device($select=name))");
        var only = Assert.Single(filtered["value"]![0]!["children"]!.AsArray())!;
        Assert.Equal(_data.Children[2].ToString(), (string)only["id"]!);
        Assert.NotNull(only["device"]!["name"]);

        var childless = await GetAsync($"/api/v1/alerts?$filter=id eq {_data.Children[0]}&$expand=children");
        Assert.Empty(childless["value"]![0]!["children"]!.AsArray());
    }

    [Fact]
    public async Task An_expanded_instance_never_carries_its_settings()
    {
        var device = (await GetAsync($"/api/v1/devices?$filter=id eq {_data.Device}&$expand=providerInstance"))["value"]![0]!;
        Assert.Equal(_data.Instance.ToString(), (string)device["providerInstance"]!["id"]!);
        Assert.Null(device["providerInstance"]!.AsObject()["settings"]);
        await (await _admin.GetAsync("/api/v1/devices?$expand=providerInstance($select=settings)")).ReadFieldErrorAsync("$expand");
    }

    [Fact]
    public async Task Count_segment_answers_a_plain_number_honouring_filter()
    {
        var response = await _admin.GetAsync($"/api/v1/alerts/$count?$filter=parentAlertId eq {_data.Parent}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("3", await response.Content.ReadAsStringAsync());
        await (await _admin.GetAsync("/api/v1/alerts/$count?$filter=year(alertTime) eq 2026")).ReadFieldErrorAsync("$filter");
    }

    [Fact]
    public async Task Keys_in_parentheses_read_update_and_delete_as_the_key_segment_does()
    {
        var single = await _admin.GetAsync($"/api/v1/devices({_data.Device})");
        Assert.Equal("4.0", single.Headers.GetValues("OData-Version").Single());
        var device = await single.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(_data.Device.ToString(), (string)device["id"]!);
        Assert.EndsWith("/api/v1/$metadata#devices/$entity", (string)device["@odata.context"]!, StringComparison.Ordinal);

        var account = (await _admin.CreateAsync("accounts", new { name = Registry.Unique("Fabrikam") })).Id();
        var patched = await (await _admin.PatchJsonAsync($"/api/v1/accounts({account})", new { phone = "+49 30 1234" })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("+49 30 1234", (string)patched["phone"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/accounts({account})")).StatusCode);
        await (await _admin.GetAsync($"/api/v1/accounts/{account}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Prefer_maxpagesize_pages_and_says_so()
    {
        var seen = new List<string>();
        string? next = $"/api/v1/alerts?$filter=deviceRecordId eq {_data.Device}&$select=id";
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next) { Headers = { { "Prefer", "odata.maxpagesize=3" } } };
            var response = await _admin.SendAsync(request);
            Assert.Equal("odata.maxpagesize=3", response.Headers.GetValues("Preference-Applied").Single());
            var page = await response.ReadObjectAsync(HttpStatusCode.OK);
            Assert.True(page["value"]!.AsArray().Count <= 3);
            seen.AddRange(page["value"]!.AsArray().Select(v => (string)v!["id"]!));
            next = (string?)page["@odata.nextLink"];
        }

        Assert.Equal(4, seen.Distinct().Count());
    }

    [Fact]
    public async Task Basic_with_the_key_as_password_reads_but_never_writes()
    {
        var basic = server.Client(key: null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"anyone:{FieldlinkServer.AdminKey}")));
        await (await basic.GetAsync("/api/v1/")).ReadObjectAsync(HttpStatusCode.OK);
        await (await basic.GetAsync($"/api/v1/devices({_data.Device})")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/api/v1/$metadata")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.PostJsonAsync("/api/v1/accounts", new { name = "Not by Basic" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.PostJsonAsync($"/api/v1/ingest/alerts?instance={_data.Instance}", new { deviceId = "x", description = "y" })).StatusCode);

        var wrong = server.Client(key: null);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:flk_not-a-key")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/devices")).StatusCode);

        var anonymous = server.Client(key: null);
        var challenge = await anonymous.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal("Bearer, Basic realm=\"Fieldlink\"", string.Join(", ", challenge.Headers.WwwAuthenticate.Select(h => h.ToString())));
        var write = await anonymous.PostJsonAsync("/api/v1/accounts", new { name = "x" });
        Assert.Equal("Bearer", Assert.Single(write.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Arithmetic_and_string_functions_on_stored_fields_run_in_the_database()
    {
        var filter = $"id in ({_data.Asset}, {_data.Account}) and concat(name, 'x') ne 'x' and activeAlertCount add 1 ge 1 and length(name) mul 2 gt 2 and indexof(tolower(name), 'chiller') eq 0";
        var page = await GetAsync($"/api/v1/customerAssets?$filter={Uri.EscapeDataString(filter)}&$count=true");
        Assert.Equal(1, (int)page["@odata.count"]!);
        Assert.Empty((await GetAsync($"/api/v1/customerAssets?$filter=id eq {_data.Asset} and activeAlertCount sub 1000 gt 0"))["value"]!.AsArray());
    }

    [Theory]
    [InlineData("devices", "$filter=year(createdAt) eq 2026", "$filter")]
    [InlineData("devices", "$filter=createdAt add duration'P1D' gt 2026-01-01T00:00:00Z", "$filter")]
    [InlineData("devices", "$orderby=createdAt sub duration'PT1H'", "$orderby")]
    [InlineData("devices", "$filter=nosuchfield eq 1", "$filter")]
    [InlineData("devices", "$filter=providerInstance/name eq 'x'", "$filter")]
    [InlineData("devices", "$orderby=reportedProperties", "$orderby")]
    [InlineData("alerts", "$filter=data eq null", "$filter")]
    [InlineData("devices", "$expand=nosuchreference", "$expand")]
    [InlineData("devices", "$expand=settings", "$expand")]
    [InlineData("providerInstances", "$expand=settings", "$expand")]
    [InlineData("devices", "$expand=providerInstance($top=1)", "$expand")]
    [InlineData("alerts", "$expand=children($filter=data eq null)", "$expand")]
    [InlineData("alerts", "$expand=children($expand=children($expand=children($expand=children)))", "$expand")]
    public async Task A_query_the_database_cannot_run_is_400_in_Fieldlinks_words_naming_the_option(string collection, string query, string option)
    {
        var response = await _admin.GetAsync($"/api/v1/{collection}?{query}");
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var text = problem.ToJsonString();
        Assert.True(problem["errors"]![option] is not null, text);
        Assert.DoesNotContain("LINQ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DbSet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    private async Task<JsonObject> GetAsync(string url) => await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
}

public sealed class ODataServiceOnSqliteTests(SqliteServer server) : ODataServiceTests(server), IClassFixture<SqliteServer>;

public sealed class ODataServiceOnPostgresTests(PostgresServer server) : ODataServiceTests(server), IClassFixture<PostgresServer>;
