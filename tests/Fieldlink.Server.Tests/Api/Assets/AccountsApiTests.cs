using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Assets;

public sealed class AccountsApiTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task An_account_and_its_asset_are_created_listed_and_deleted_in_order()
    {
        var account = await _admin.CreateAsync("accounts", new { name = Registry.Unique("Fabrikam"), email = "ops@fabrikam.example", accountNumber = "F-100" });
        var asset = await _admin.CreateAsync("customerAssets", new { name = "Chiller 1", accountId = account.Id(), serialNumber = "CH-1", location = "Plant 2" });

        var assets = await (await _admin.GetAsync($"/api/v1/customerAssets?$filter=accountId eq {account.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("CH-1", (string)assets["value"]![0]!["serialNumber"]!);

        var problem = await (await _admin.DeleteAsync($"/api/v1/accounts/{account.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("customer asset", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/customerAssets/{asset.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/accounts/{account.Id()}")).StatusCode);
    }

    [Fact]
    public async Task An_email_without_at_sign_is_400_naming_email()
    {
        await (await _admin.PostJsonAsync("/api/v1/accounts", new { name = "X", email = "nobody" })).ReadFieldErrorAsync("email");
    }

    [Fact]
    public async Task An_asset_of_a_missing_account_is_400_naming_accountId()
    {
        await (await _admin.PostJsonAsync("/api/v1/customerAssets", new { name = "X", accountId = Guid.NewGuid() })).ReadFieldErrorAsync("accountId");
    }
}
