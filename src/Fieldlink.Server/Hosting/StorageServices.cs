using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fieldlink.Server.Hosting;

/// <summary>Registers the store and what works on it; shared by the server and the CLI commands.</summary>
public static class StorageServices
{
    public static IServiceCollection AddFieldlinkStorage(this IServiceCollection services)
    {
        // The target is read when first needed, not now, so every configuration source (including a test
        // host's overrides) has been applied by then.
        services.AddSingleton(sp => StorageTarget.From(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContext<SqliteFieldlinkDbContext>((sp, options) => Quiet(options.UseSqlite(sp.GetRequiredService<StorageTarget>().ConnectionString)));
        services.AddDbContext<PostgresFieldlinkDbContext>((sp, options) => Quiet(options.UseNpgsql(sp.GetRequiredService<StorageTarget>().ConnectionString)));
        services.AddScoped<FieldlinkDbContext>(sp => sp.GetRequiredService<StorageTarget>().IsPostgres
            ? sp.GetRequiredService<PostgresFieldlinkDbContext>()
            : sp.GetRequiredService<SqliteFieldlinkDbContext>());
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ApiKeyStore>();
        services.AddScoped<StoreInitializer>();
        return services;
    }

    /// <summary>
    /// A write a constraint refuses is an answer (409), not a fault, so EF's own error logs of it would cry wolf;
    /// a real failure still reaches the exception handler, which logs it as an error.
    /// </summary>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));
}
