using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Runs the built <c>fieldlink</c> executable as a user would, from the test's output folder.</summary>
public static class FieldlinkProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "fieldlink.dll");

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs a command to its end (at most a minute) and returns what it printed.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Starts a long-running command (a server); the caller kills it.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts a long-running command with <paramref name="environment"/> set (<c>FIELDLINK_</c> settings, say); the caller kills it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The executable must not pick up the developer's own settings.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("FIELDLINK_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Asks <c>/healthz</c> through <paramref name="client"/> until it answers 200 (true), or the process exits or 30 s pass (false).</summary>
    public static async Task<bool> WaitUntilHealthyAsync(Process process, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 0; attempt < 150 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
