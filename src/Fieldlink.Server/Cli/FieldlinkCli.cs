using System.CommandLine;
using Fieldlink.Core.Live;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Hosting;

namespace Fieldlink.Server.Cli;

/// <summary>
/// The <c>fieldlink</c> command line: <c>serve [--demo]</c> (also what runs with no command), <c>migrate</c>, and
/// <c>keys create|list|revoke</c>, <c>users create|list|disable</c>.
/// </summary>
public static class FieldlinkCli
{
    private static readonly Option<string?> Database = new("--database")
    {
        Description = "A SQLite file path, or a PostgreSQL URI (postgresql://user:pass@host:5432/db) or connection string. Default: <data-dir>/fieldlink.db.",
        Recursive = true,
    };

    private static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Where Fieldlink keeps its files. Default: ./data.",
        Recursive = true,
    };

    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "The addresses to listen on, separated by ';'. Default: http://localhost:5000.",
    };

    private static readonly Option<bool> Demo = new("--demo")
    {
        Description = "On first start (a store without providers), seeds a demo: the simulator, two accounts with assets, an HVAC sensor category and twenty simulated devices.",
    };

    private static readonly Option<string?> MqttBroker = new("--mqtt-broker")
    {
        Description = "Runs an MQTT broker in the process: 'embedded' (127.0.0.1:1883) or 'embedded:PORT'. On with --demo, which then also seeds MQTT devices.",
    };

    private static readonly string[] CommandNames = ["serve", "migrate", "keys", "users"];

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Fieldlink: the open-source IoT provider hub for field service.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(Database);
        root.Options.Add(DataDir);
        root.Options.Add(Urls);
        root.Options.Add(Demo);
        root.Options.Add(MqttBroker);

        // With no command Fieldlink serves, so that hosts that start it with their own arguments (tests, containers) just work.
        root.SetAction(ServeAsync);
        var serve = new Command("serve", "Runs the Fieldlink server.") { TreatUnmatchedTokensAsErrors = false };
        serve.Options.Add(Urls);
        serve.Options.Add(Demo);
        serve.Options.Add(MqttBroker);
        serve.SetAction(ServeAsync);
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Brings the database up to date, then exits.");
        migrate.SetAction(MigrateAsync);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(KeysCommand.Create(OpenStoreAsync));
        root.Subcommands.Add(UsersCommand.Create(OpenStoreAsync));

        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, as for every other input Fieldlink refuses, rather than the errors followed by the whole help.
            var command = parsed.CommandResult.Command;
            var reason = command.Action is null && command.Subcommands.Count > 0 && parsed.UnmatchedTokens.Count > 0
                ? $"unknown command '{parsed.UnmatchedTokens[0]}' for {command.Name}; its commands are {string.Join(", ", command.Subcommands.Select(c => c.Name))}"
                : string.Join(" ", parsed.Errors.Select(e => e.Message.ReplaceLineEndings(" ")));
            await invocation.Error.WriteLineAsync($"fieldlink: {reason} (fieldlink --help)");
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (CommandLineException ex)
        {
            await invocation.Error.WriteLineAsync($"fieldlink: {ex.Message}");
            return ex.ExitCode;
        }
    }

    private static async Task<int> ServeAsync(ParseResult result, CancellationToken cancellationToken)
    {
        // Arguments the configuration would drop unread (a mistyped command, say) must not start a server.
        if (ConfigurationArguments.FindIgnored(result.UnmatchedTokens, CommandNames) is { } ignored)
        {
            return await FailAsync(result, ignored, 2);
        }

        var startLog = new HostStartLog();
        WebApplication built;
        try
        {
            built = FieldlinkApp.Build([.. result.UnmatchedTokens], Overrides(result), startLog);
        }
        catch (Exception ex) when (StartupFailure.Describe(ex, null) is { } reason)
        {
            return await FailAsync(result, reason, 1);
        }

        await using var app = built;
        if (ListenAddresses.FindInvalid(app.Configuration["urls"]) is { } badUrl)
        {
            return await FailAsync(result, badUrl, 2);
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (StartupFailure.Describe(ex, app.Services) is { } reason)
        {
            return await FailAsync(result, reason, 1);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, SIGTERM) before it had started: nothing went wrong.
            return 0;
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static async Task<int> MigrateAsync(ParseResult result, CancellationToken cancellationToken)
    {
        await using var store = await OpenStoreAsync(result, cancellationToken);
        await result.InvocationConfiguration.Output.WriteLineAsync($"{store.ServiceProvider.GetRequiredService<StorageTarget>().Display} is up to date.");
        return 0;
    }

    private static async Task<int> FailAsync(ParseResult result, string reason, int exitCode)
    {
        await result.InvocationConfiguration.Error.WriteLineAsync($"fieldlink: {reason}");
        return exitCode;
    }

    /// <summary>Opens the configured store, migrated, in a scope the caller disposes.</summary>
    private static async Task<AsyncServiceScope> OpenStoreAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (ConfigurationArguments.FindIgnored(result.UnmatchedTokens, CommandNames) is { } ignored)
        {
            throw new CommandLineException(ignored, exitCode: 2);
        }

        var builder = Host.CreateApplicationBuilder([.. result.UnmatchedTokens]);
        builder.Configuration.AddEnvironmentVariables("FIELDLINK_");
        builder.Configuration.AddInMemoryCollection(Overrides(result));

        // A command's output is its answer (a key, say) on stdout; only warnings and errors, on stderr, besides. A store it
        // cannot open is told in the command's own one line, not also in EF's connection error.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Microsoft", "Warning"), new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"),
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection", "None")]);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddFieldlinkStorage();
        builder.Services.AddFieldlinkPeople();

        // A command's writes are announced as the server's are: on PostgreSQL a key revoked here is forgotten at once
        // by every running server's ApiKeyCache.
        builder.Services.AddLive();
        var host = builder.Build();
        var scope = host.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (StartupFailure.Describe(ex, scope.ServiceProvider) is { } reason)
        {
            await scope.DisposeAsync();
            throw new CommandLineException(reason, ex);
        }

        return scope;
    }

    private static Dictionary<string, string?> Overrides(ParseResult result)
    {
        var overrides = new Dictionary<string, string?>();
        if (result.GetValue(Database) is { } database)
        {
            overrides["Database"] = database;
        }

        if (result.GetValue(DataDir) is { } dataDir)
        {
            overrides["DataDir"] = dataDir;
        }

        if (result.GetValue(Urls) is { } urls)
        {
            overrides["urls"] = urls;
        }

        if (result.GetValue(Demo))
        {
            overrides["Demo"] = "true";
        }

        // The demo's MQTT devices need a broker: the embedded one, unless the command line names another way.
        if (result.GetValue(MqttBroker) is { } broker)
        {
            overrides["Mqtt:Broker"] = broker;
        }
        else if (result.GetValue(Demo))
        {
            overrides["Mqtt:Broker"] = "embedded";
        }

        return overrides;
    }
}
