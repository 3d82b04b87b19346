using System.Net;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Components.Account;
using Fieldlink.Server.Tests.Auth;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Cli;

/// <summary><c>fieldlink users</c> run as a process against a running server's store, on each database.</summary>
public abstract class UsersCommandTests(FieldlinkServer server)
{
    /// <summary>The store as <c>--database</c> names it.</summary>
    protected abstract string Database { get; }

    [Fact]
    public async Task Create_prints_only_a_password_that_signs_in_and_disable_ends_that()
    {
        var email = $"{Guid.NewGuid():N}@example.com";

        var created = await FieldlinkProcess.RunAsync("users", "create", "--email", email, "--role", "dispatcher", "--database", Database);

        Assert.True(created.ExitCode == 0, created.Error);
        var password = Assert.Single(created.Output.Split('\n'));
        Assert.Equal(GeneratedPassword.Length, password.Length);
        Assert.Empty(created.Error);
        using var browser = new BrowserSession(server);
        Assert.Equal(HttpStatusCode.Found, (await browser.SignInAsync(email, password)).StatusCode);

        var list = await FieldlinkProcess.RunAsync("users", "list", "--database", Database);
        var line = Assert.Single(list.Output.Split('\n'), l => l.StartsWith(email, StringComparison.Ordinal));
        Assert.Contains("Dispatcher", line, StringComparison.Ordinal);
        Assert.Contains("active", line, StringComparison.Ordinal);
        Assert.Contains("created ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(password, list.Output, StringComparison.Ordinal);

        var disabled = await FieldlinkProcess.RunAsync("users", "disable", "--email", email, "--database", Database);

        Assert.True(disabled.ExitCode == 0, disabled.Error);
        using var again = new BrowserSession(server);
        Assert.Contains(SignIn.WrongCredentials, await (await again.SignInAsync(email, password)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await FieldlinkProcess.RunAsync("users", "list", "--database", Database);
        Assert.Contains("disabled", Assert.Single(listed.Output.Split('\n'), l => l.StartsWith(email, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_role_fails_in_one_line_that_names_the_roles()
    {
        var result = await FieldlinkProcess.RunAsync("users", "create", "--email", "x@example.com", "--role", "Endpoint", "--database", Database);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.Error.Split('\n'));
        Assert.Contains("Administrator, Dispatcher, Technician", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_email_fails_in_one_line()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.Equal(0, (await FieldlinkProcess.RunAsync("users", "create", "--email", email, "--role", "Technician", "--database", Database)).ExitCode);

        var result = await FieldlinkProcess.RunAsync("users", "create", "--email", email.ToUpperInvariant(), "--role", "Technician", "--database", Database);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("exists already", Assert.Single(result.Error.Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_an_unknown_email_fails_in_one_line()
    {
        var result = await FieldlinkProcess.RunAsync("users", "disable", "--email", "nobody@example.com", "--database", Database);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nobody@example.com", Assert.Single(result.Error.Split('\n')), StringComparison.Ordinal);
    }
}
