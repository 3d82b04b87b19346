namespace Fieldlink.Server.Hosting;

/// <summary>Builds the Fieldlink web application: configuration in the documented order, services, endpoints.</summary>
public static class FieldlinkApp
{
    /// <summary>
    /// Configuration, later sources winning: defaults, <c>appsettings.json</c> in the working directory, environment variables (<c>FIELDLINK_</c>
    /// prefix, <c>__</c> for sections), then <paramref name="options"/> from the command line.
    /// </summary>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>> options)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Quiet defaults; a Logging section in appsettings.json or the environment still overrides them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Configuration.AddEnvironmentVariables("FIELDLINK_");
        builder.Configuration.AddInMemoryCollection(options);
        builder.AddFieldlinkServices();
        var app = builder.Build();
        app.MapFieldlink();
        return app;
    }
}
