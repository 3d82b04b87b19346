using Fieldlink.Server.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;

namespace Fieldlink.Server.Tests.Auth;

public sealed class KeyRingOnFirstUseTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public void Data_protection_alone_registers_the_preloading_service_by_the_name_that_is_removed()
    {
        var services = new ServiceCollection();
        services.AddDataProtection();

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == KeyRingOnFirstUse.PreloadingServiceName);
    }

    [Fact]
    public void The_server_starts_without_preloading_the_key_ring_and_protects_on_first_use()
    {
        Assert.DoesNotContain(server.Services.GetServices<IHostedService>(), s => s.GetType().FullName == KeyRingOnFirstUse.PreloadingServiceName);

        var protector = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(KeyRingOnFirstUseTests));
        Assert.Equal("a cookie's content", protector.Unprotect(protector.Protect("a cookie's content")));
    }
}
