using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Providers;

/// <summary>The full CRUD cycle and its failures, on one collection, on both databases.</summary>
public abstract class ProvidersApiTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Create_then_read_returns_the_record_with_location_and_etag()
    {
        var name = Registry.Unique("Acme Cloud");
        var response = await _admin.PostJsonAsync("/api/v1/providers", new { name, connector = "test-vendor", description = "Acme's vendor cloud" });
        var created = await response.ReadObjectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/providers/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var read = await (await _admin.GetAsync($"/api/v1/providers/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(name, (string)read["name"]!);
        Assert.Equal("test-vendor", (string)read["connector"]!);
        Assert.Equal("Acme's vendor cloud", (string)read["description"]!);
    }

    [Fact]
    public async Task Create_with_a_taken_name_is_409_and_writes_nothing()
    {
        var name = Registry.Unique("Duplicate");
        await _admin.CreateAsync("providers", new { name, connector = "simulator" });

        var problem = await (await _admin.PostJsonAsync("/api/v1/providers", new { name, connector = "test-vendor" })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(name, (string)problem["detail"]!, StringComparison.Ordinal);
        var list = await (await _admin.GetAsync($"/api/v1/providers?$filter=name eq '{name}'&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task Create_without_name_is_400_naming_name()
    {
        var errors = await (await _admin.PostJsonAsync("/api/v1/providers", new { connector = "simulator" })).ReadFieldErrorAsync("name");
        Assert.Contains("required", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_a_bad_connector_key_is_400_naming_connector()
    {
        await (await _admin.PostJsonAsync("/api/v1/providers", new { name = Registry.Unique("P"), connector = "Not A Key" })).ReadFieldErrorAsync("connector");
    }

    [Fact]
    public async Task Create_with_a_connector_that_is_not_installed_is_400_naming_the_installed_ones()
    {
        var message = await (await _admin.PostJsonAsync("/api/v1/providers", new { name = Registry.Unique("P"), connector = "acme" })).ReadFieldErrorAsync("connector");
        Assert.Contains("simulator", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_merges_the_given_fields_and_moves_the_etag_on()
    {
        var created = await Registry.ProviderAsync(_admin);
        var response = await _admin.PatchJsonAsync($"/api/v1/providers/{created.Id()}", new { description = "now described" });
        var updated = await response.ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("now described", (string)updated["description"]!);
        Assert.Equal((string)created["name"]!, (string)updated["name"]!);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Update_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var created = await Registry.ProviderAsync(_admin);
        var url = $"/api/v1/providers/{created.Id()}";
        await (await _admin.PatchJsonAsync(url, new { description = "first" }, ifMatch: "\"1\"")).ReadObjectAsync(HttpStatusCode.OK);

        await (await _admin.PatchJsonAsync(url, new { description = "second" }, ifMatch: "\"1\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        var read = await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("first", (string)read["description"]!);
    }

    [Fact]
    public async Task Update_with_the_current_if_match_succeeds()
    {
        var created = await Registry.ProviderAsync(_admin);
        var url = $"/api/v1/providers/{created.Id()}";
        var etag = (await _admin.GetAsync(url)).Headers.ETag!.Tag;

        await (await _admin.PatchJsonAsync(url, new { description = "fresh" }, ifMatch: etag)).ReadObjectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Update_that_clears_a_required_field_is_400_and_changes_nothing()
    {
        var created = await Registry.ProviderAsync(_admin);
        var url = $"/api/v1/providers/{created.Id()}";

        await (await _admin.PatchJsonAsync(url, new { name = (string?)null })).ReadFieldErrorAsync("name");

        var read = await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal((string)created["name"]!, (string)read["name"]!);
    }

    [Fact]
    public async Task Update_of_a_read_only_field_is_400_naming_it()
    {
        var created = await Registry.ProviderAsync(_admin);
        await (await _admin.PatchJsonAsync($"/api/v1/providers/{created.Id()}", new { createdAt = "2020-01-01T00:00:00Z" })).ReadFieldErrorAsync("createdAt");
    }

    [Fact]
    public async Task Delete_removes_the_record()
    {
        var created = await Registry.ProviderAsync(_admin);
        var url = $"/api/v1/providers/{created.Id()}";

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(url)).StatusCode);

        await (await _admin.GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_of_a_provider_with_instances_is_409_and_keeps_it()
    {
        var provider = await Registry.ProviderAsync(_admin);
        await Registry.InstanceAsync(_admin, provider.Id());

        var problem = await (await _admin.DeleteAsync($"/api/v1/providers/{provider.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("instance", (string)problem["detail"]!, StringComparison.Ordinal);
        await (await _admin.GetAsync($"/api/v1/providers/{provider.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var id = Guid.NewGuid();
        await (await _admin.GetAsync($"/api/v1/providers/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.PatchJsonAsync($"/api/v1/providers/{id}", new { description = "x" })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync($"/api/v1/providers/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ProvidersApiOnSqliteTests(SqliteServer server) : ProvidersApiTests(server), IClassFixture<SqliteServer>;

public sealed class ProvidersApiOnPostgresTests(PostgresServer server) : ProvidersApiTests(server), IClassFixture<PostgresServer>;
