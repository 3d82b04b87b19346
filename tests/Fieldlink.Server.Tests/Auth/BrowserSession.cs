using System.Net;
using System.Text.RegularExpressions;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>
/// A browser as far as the sign-in pages care: a client that keeps cookies and shows redirects instead of following
/// them, and fills in the pages' forms with the antiforgery token they carry.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    public BrowserSession(FieldlinkServer server)
        : this(AddressOf(server))
    {
    }

    /// <summary>A session with the server at <paramref name="address"/> (one run as a process).</summary>
    public BrowserSession(Uri address)
    {
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = address,
        };
    }

    public HttpClient Client { get; }

    /// <summary>The session's cookies, to carry one to another server.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Creates a person in <paramref name="role"/> with a generated password, in the server's store.</summary>
    public static async Task<(string Email, string Password)> CreatePersonAsync(FieldlinkServer server, string role = PersonRoles.Dispatcher)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var password = GeneratedPassword.New();
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
        var person = new FieldlinkUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(person, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(person, role)).Succeeded);
        return (email, password);
    }

    /// <summary>GETs the sign-in page and posts its form, as a person would.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, bool rememberMe = false, string? returnUrl = null)
    {
        var page = returnUrl is null ? "/account/signin" : $"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = await ReadTokenAsync(page);
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        if (rememberMe)
        {
            fields["Input.RememberMe"] = "True";
        }

        return await Client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public async Task<string> ReadTokenAsync(string page)
    {
        var response = await Client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = TokenField().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Client.Dispose();

    private static Uri AddressOf(FieldlinkServer server)
    {
        using var plain = server.Client(key: null);
        return plain.BaseAddress!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
