namespace Fieldlink.Server.Hosting;

/// <summary>Builds the Fieldlink web application: configuration in the documented order, services, endpoints.</summary>
public static class FieldlinkApp
{
    /// <summary>
    /// Configuration, later sources winning: defaults, <c>appsettings.json</c> in the working directory, environment variables (<c>FIELDLINK_</c>
    /// prefix, <c>__</c> for sections), then <paramref name="options"/> from the command line. With
    /// <paramref name="startLog"/>, the host's own log of a failed start is held back for the caller to report.
    /// </summary>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>> options, HostStartLog? startLog = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Quiet defaults; a Logging section in appsettings.json or the environment still overrides them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // The keys that encrypt sign-in cookies are kept in the store unencrypted, by choice (docs/security.md): the key
        // manager's warning that no XML encryptor is configured would greet every fresh start. Its errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        if (startLog is not null)
        {
            builder.Logging.AddFilter(HostStartLog.HostCategory, startLog.Allows);
            builder.Services.AddHostedService(sp => new HostStartLogOpener(startLog, sp.GetRequiredService<IHostApplicationLifetime>()));
        }

        builder.Configuration.AddEnvironmentVariables("FIELDLINK_");
        builder.Configuration.AddInMemoryCollection(options);
        builder.AddFieldlinkServices();
        var app = builder.Build();

        // The store is brought up beside the rest of the start (StoreStartup); the server listens once it is up.
        app.Services.GetRequiredService<StoreStartup>().Begin();
        app.MapFieldlink();
        return app;
    }
}
