using Microsoft.AspNetCore.DataProtection;

namespace Fieldlink.Server.Auth;

/// <summary>
/// Leaves the data protection key ring to be read (or, in a new store, made) by the first cookie that needs it,
/// instead of by the hosted service <see cref="DataProtectionServiceCollectionExtensions.AddDataProtection(IServiceCollection)"/>
/// adds to load it at start. Why: the key ring is XML, read from the store through EF Core, and loading it brings in
/// the XML stack and its first query; a server that is only ingesting and answering the API (keys, not cookies) never
/// needs it. The first page a person opens reads it instead, once, a few milliseconds.
/// </summary>
public static class KeyRingOnFirstUse
{
    /// <summary>The hosted service that loads the key ring at start (internal to ASP.NET Core, hence named).</summary>
    public const string PreloadingServiceName = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Removes the preloading hosted service; call after every <c>AddDataProtection</c>, which each add it again.</summary>
    public static IServiceCollection LoadKeyRingOnFirstUse(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == PreloadingServiceName)
            {
                services.RemoveAt(i);
            }
        }

        return services;
    }
}
