using System.Data.Common;
using System.Net.Sockets;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Fleet;
using Fieldlink.Server.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Cli;

/// <summary>
/// Says in one line why Fieldlink could not start when the cause is what it was given (an option, a setting, a
/// database it cannot open, a port it cannot have), naming the option; a bug is not described here and keeps its
/// stack trace.
/// </summary>
public static class StartupFailure
{
    /// <summary>The line to print for <paramref name="exception"/>, or null when it is not about the input.</summary>
    public static string? Describe(Exception exception, IServiceProvider? services)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = Chain(exception).ToList();
        if (chain.OfType<ConfigurationValueException>().FirstOrDefault() is { } value)
        {
            return $"{value.Setting}: {value.Message}";
        }

        if (chain.OfType<OptionsValidationException>().FirstOrDefault() is { } invalid)
        {
            return string.Join(" ", invalid.Failures);
        }

        // The configuration binder has no exception type of its own; its message names the key and the type wanted.
        if (chain.OfType<InvalidOperationException>().FirstOrDefault(e => e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)) is { } unreadable)
        {
            return OneLine(unreadable.Message);
        }

        // Its message names the node, the process holding it and the settings that pick another.
        if (chain.OfType<NodeNameTakenException>().FirstOrDefault() is { } taken)
        {
            return $"Connectors:Node: {taken.Message}";
        }

        if (chain.OfType<DbException>().LastOrDefault() is { } store)
        {
            var display = TryGet<StorageTarget>(services)?.Display ?? "the database";
            return $"{StorageTarget.DatabaseSetting}: cannot open {display}: {OneLine(store.Message)}";
        }

        // Kestrel says which address it could not bind.
        if (chain.OfType<IOException>().FirstOrDefault(e => e.Message.StartsWith("Failed to bind", StringComparison.Ordinal)) is { } bind)
        {
            return $"--urls (urls): {OneLine(bind.Message)}";
        }

        // Any other port Fieldlink listens on at start-up is the embedded MQTT broker's.
        if (chain.Any(e => e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse or SocketError.AccessDenied }))
        {
            var port = TryGet<IOptions<MqttOptions>>(services)?.Value.EmbeddedBrokerPort;
            return $"--mqtt-broker (Mqtt:Broker): the embedded MQTT broker cannot listen on 127.0.0.1:{port}: {OneLine(chain[^1].Message)}; choose another port with --mqtt-broker embedded:PORT";
        }

        return null;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static T? TryGet<T>(IServiceProvider? services)
        where T : class
    {
        try
        {
            return services?.GetService<T>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ConfigurationValueException or OptionsValidationException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
