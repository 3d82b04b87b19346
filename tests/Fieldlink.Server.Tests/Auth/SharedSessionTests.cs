using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>Processes on one database share the keys that encrypt the session cookie (they are in the store).</summary>
public sealed class SharedSessionTests : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_session_from_one_server_opens_pages_on_another_on_the_same_database()
    {
        await using var first = PostgresServer.On(_database!);
        await using var second = PostgresServer.On(_database!);
        await ((IAsyncLifetime)first).InitializeAsync();
        var (email, password) = await BrowserSession.CreatePersonAsync(first);
        using var browser = new BrowserSession(first);
        await browser.SignInAsync(email, password);
        var cookie = browser.Cookies.GetCookies(browser.Client.BaseAddress!)["Fieldlink.Session"]!.Value;

        await ((IAsyncLifetime)second).InitializeAsync();
        using var other = new BrowserSession(second);
        other.Cookies.Add(other.Client.BaseAddress!, new Cookie("Fieldlink.Session", cookie));

        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/account/change-password")).StatusCode);
    }
}
