using System.Net;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>A session ends when its person is disabled, at the next check of the security stamp.</summary>
public sealed class SecurityStampTests(SecurityStampTests.CheckedOnEveryRequest server) : IClassFixture<SecurityStampTests.CheckedOnEveryRequest>
{
    [Fact]
    public void Sessions_are_checked_against_the_store_every_minute_by_default()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), SignInServices.SecurityStampInterval);
        Assert.Equal(TimeSpan.Zero, server.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval);
    }

    [Fact]
    public async Task Disabling_a_person_ends_the_session_they_have()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server);
        using var browser = new BrowserSession(server);
        await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account/change-password")).StatusCode);

        using (var scope = server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FieldlinkUser>>();
            var person = await users.FindByEmailAsync(email);
            person!.Disabled = true;
            await users.UpdateSecurityStampAsync(person);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/account/change-password")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_persons_role_ends_the_session_they_have_so_they_sign_in_with_the_new_one()
    {
        var (email, password) = await BrowserSession.CreatePersonAsync(server, PersonRoles.Dispatcher);
        using var browser = new BrowserSession(server);
        await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account/change-password")).StatusCode);

        using (var scope = server.Services.CreateScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<PeopleAdministration>();
            var changed = await people.ChangeRoleAsync((await people.IdOfAsync(email))!.Value, PersonRoles.Technician, changedBy: null, CancellationToken.None);
            Assert.True(changed.Succeeded, changed.Message);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/account/change-password")).StatusCode);
    }

    /// <summary>A server that checks the stamp on every request, so a test need not wait the minute.</summary>
    public sealed class CheckedOnEveryRequest : SqliteServer
    {
        public CheckedOnEveryRequest() =>
            WithServices(services => services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero));
    }
}
