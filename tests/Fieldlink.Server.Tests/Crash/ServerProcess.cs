using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// A real <c>fieldlink serve</c> process on a store the test owns, with the test's Administrator key, ended the hard
/// way: <see cref="KillAsync"/> is SIGKILL of the whole process tree, as a power cut or the OOM killer would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int LogLines = 300;
    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);

        // Read all the time: a server writing into a full pipe would stop, and the test would blame the store.
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server printed, for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>
    /// Starts the server on <paramref name="database"/> (a SQLite path or a PostgreSQL connection string) with
    /// <paramref name="settings"/> (configuration keys such as <c>Commands:LeaseDuration</c>), and waits until it is healthy.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string database, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = settings.ToDictionary(s => "FIELDLINK_" + s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["FIELDLINK_ADMIN_KEY"] = FieldlinkServer.AdminKey;
        var port = FieldlinkProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var server = new ServerProcess(FieldlinkProcess.Start(environment, "serve", "--urls", address.ToString().TrimEnd('/'), "--database", database), address);
        try
        {
            await server.WaitUntilHealthyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with the Administrator key.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FieldlinkServer.AdminKey);
        return client;
    }

    /// <summary>SIGKILL to the process and everything it started; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGTERM, as systemd, Docker or Kubernetes stop a process: it shuts down cleanly; returns once it is gone.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            Assert.False(_process.HasExited, $"fieldlink serve exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Log}");
            try
            {
                if ((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"fieldlink serve did not become healthy within a minute:\n{Log}");
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }
    }
}
