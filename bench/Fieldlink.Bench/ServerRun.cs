using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Fieldlink.Bench;

/// <summary>
/// One started process of <see cref="StartupBench"/>: Fieldlink (<c>serve --demo</c> on a data directory) or the empty
/// baseline app, timed from its start to its first 200 on <c>/healthz</c>, then stopped as a service manager would.
/// </summary>
internal sealed class ServerRun : IAsyncDisposable
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The Administrator key the started servers are given (<c>FIELDLINK_ADMIN_KEY</c>) for their first API request.</summary>
    private static readonly string AdminKey = "flk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly int _port;

    private ServerRun(Process process, Stopwatch sinceStart, int port)
    {
        _process = process;
        _sinceStart = sinceStart;
        _port = port;
        ToHealthy = sinceStart.Elapsed;
    }

    public TimeSpan ToHealthy { get; }

    public static Task<ServerRun> StartAsync(string server, string dataDirectory, CancellationToken ct)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(server)
        {
            // Its own directory: no appsettings.json of the caller's, and the store and broker journal in the data directory.
            WorkingDirectory = dataDirectory,
            ArgumentList = { "serve", "--demo", "--data-dir", dataDirectory, "--urls", $"http://127.0.0.1:{port}", "--mqtt-broker", $"embedded:{FreePort()}" },
            Environment = { ["FIELDLINK_ADMIN_KEY"] = AdminKey },
        };
        return StartAsync(start, port, ct);
    }

    public static Task<ServerRun> StartEmptyAppAsync(CancellationToken ct)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            WorkingDirectory = Path.GetTempPath(),
            ArgumentList = { "startup", StartupBench.EmptyAppOption, $"http://127.0.0.1:{port}", "--database", "unused" },
        };

        // Started through the bench's own executable, whose runtimeconfig asks for Server GC as the web SDK's default does.
        if (!string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "Fieldlink.Bench", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Insert(0, typeof(StartupBench).Assembly.Location);
        }

        return StartAsync(start, port, ct);
    }

    private static async Task<ServerRun> StartAsync(ProcessStartInfo start, int port, CancellationToken ct)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");

        // Read and dropped, so a full pipe never blocks the server's logging.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = new Uri($"http://127.0.0.1:{port}/healthz");
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode} before answering /healthz");
            }

            try
            {
                using var response = await Client.GetAsync(url, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ServerRun(process, clock, port);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, ct);
        }
    }

    /// <summary>
    /// Time from the start to the first answer of an API request that reads the store (a page of devices): probes are
    /// answered ahead of routing, so this one also pays for routing's endpoint table and the first query.
    /// </summary>
    public async Task<TimeSpan> FirstApiAnswerAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_port}/api/v1/devices?$top=1"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return _sinceStart.Elapsed;
    }

    /// <summary>The process's resident set (VmRSS), in MB.</summary>
    public double ResidentMegabytes()
    {
        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>Stops it as Ctrl+C or a service manager would (SIGTERM), and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
