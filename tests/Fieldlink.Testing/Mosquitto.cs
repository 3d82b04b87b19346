using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fieldlink.Testing;

/// <summary>
/// A real Mosquitto broker (installed by test.sh) on a free loopback port, with a generated config and its persistence
/// file in a directory of its own, so a stop and start keeps its sessions and queued messages as a broker restart would.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StringBuilder _log = new();
    private Process? _process;

    private readonly string _listenerConfig;

    private Mosquitto(int port, string listenerConfig)
    {
        Port = port;
        _listenerConfig = listenerConfig;
    }

    public int Port { get; }

    /// <summary>What the broker printed, for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string Executable =>
        new[] { "/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Mosquitto is not installed: run ./test.sh, which installs it.");

    /// <summary>Starts a broker; <paramref name="listenerConfig"/> adds lines to its listener (TLS files, say).</summary>
    public static async Task<Mosquitto> StartAsync(string listenerConfig = "")
    {
        var broker = new Mosquitto(FreePort(), listenerConfig);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the broker (again, after <see cref="StopAsync"/>) on the same port and persistence file, and waits until it takes connections.</summary>
    public async Task StartAgainAsync()
    {
        var config = Path.Combine(_directory.Path, "mosquitto.conf");
        var root = Environment.UserName == "root" || (OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/status").Contains("Uid:\t0\t", StringComparison.Ordinal));
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            {_listenerConfig}
            allow_anonymous true
            persistence true
            persistence_location {_directory.Path}/
            autosave_interval 1
            max_queued_messages 100000
            max_inflight_messages 100
            log_dest stdout
            log_type error
            log_type warning
            {(root ? "user root" : string.Empty)}
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 100 && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"mosquitto did not take connections on port {Port}: {Log}", ex);
            }
        }
    }

    /// <summary>Stops the broker the way a service manager does (SIGTERM), so it saves its sessions first.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _directory.Dispose();
    }

    /// <summary>Runs <c>mosquitto_pub</c> against this broker with <paramref name="args"/>, to its end.</summary>
    public Task<(int ExitCode, string Output)> PublishAsync(params string[] args) => RunClientAsync("mosquitto_pub", args);

    /// <summary>Runs a Mosquitto command-line client (<c>mosquitto_pub</c>, <c>mosquitto_sub</c>) against this broker, to its end.</summary>
    public async Task<(int ExitCode, string Output)> RunClientAsync(string client, params string[] args)
    {
        using var process = StartClient(client, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output) + (await error));
    }

    /// <summary>Starts a Mosquitto command-line client against this broker; the caller reads and ends it.</summary>
    public Process StartClient(string client, params string[] args)
    {
        var start = new ProcessStartInfo(client) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{client} did not start.");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
