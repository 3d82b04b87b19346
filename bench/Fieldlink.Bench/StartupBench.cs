using System.CommandLine;
using System.Globalization;
using Fieldlink.Bench.Suite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Fieldlink.Bench;

/// <summary>
/// Starts the real server as a user does (<c>fieldlink serve --demo</c>, SQLite in a data directory) and times it to
/// the first 200 on <c>/healthz</c>: a fresh start that seeds the demo, a restart after a clean stop, and its resident
/// memory once the demo has settled. The baseline is an empty ASP.NET Core app (one <c>MapGet("/healthz")</c>, the
/// web SDK's defaults) started and measured the same way, interleaved with Fieldlink's runs.
/// </summary>
public static class StartupBench
{
    /// <summary>The hidden option that makes the bench process serve the empty app the baseline measures.</summary>
    public const string EmptyAppOption = "--serve-empty-app";

    /// <summary>Returns <c>restart</c> and <c>cold-start-demo</c> (seconds) and <c>idle-memory</c> (MB RSS).</summary>
    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var server = ServerPath();
        var settle = TimeSpan.FromSeconds(context.Quick ? 10 : 30);
        var output = context.Output;
        await output.WriteLineAsync($"startup: {server}, {context.Rounds} rounds, memory read {settle.TotalSeconds:0} s after the first 200");

        // A store to restart: seeded by one start, stopped cleanly (a clean stop leaves its fleet node free at once).
        using var restartData = new TempDirectory();
        await using (var seeding = await ServerRun.StartAsync(server, restartData.Path, ct))
        {
            await seeding.StopAsync();
        }

        var restart = new List<double>();
        var restartToApi = new List<double>();
        var restartBaseline = new List<double>();
        var cold = new List<double>();
        var coldBaseline = new List<double>();
        var memory = new List<double>();
        var memoryBaseline = new List<double>();
        for (var round = 0; round < context.Rounds; round++)
        {
            await using (var run = await ServerRun.StartAsync(server, restartData.Path, ct))
            {
                restart.Add(run.ToHealthy.TotalSeconds);
                restartToApi.Add((await run.FirstApiAnswerAsync(ct)).TotalSeconds);
                await run.StopAsync();
            }

            await using (var run = await ServerRun.StartEmptyAppAsync(ct))
            {
                restartBaseline.Add(run.ToHealthy.TotalSeconds);
                await run.StopAsync();
            }

            using (var fresh = new TempDirectory())
            await using (var run = await ServerRun.StartAsync(server, fresh.Path, ct))
            {
                cold.Add(run.ToHealthy.TotalSeconds);
                await Task.Delay(settle, ct);
                memory.Add(run.ResidentMegabytes());
                await run.StopAsync();
            }

            await using (var run = await ServerRun.StartEmptyAppAsync(ct))
            {
                coldBaseline.Add(run.ToHealthy.TotalSeconds);
                await Task.Delay(settle, ct);
                memoryBaseline.Add(run.ResidentMegabytes());
                await run.StopAsync();
            }

            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  round {round + 1}: restart {restart[^1]:0.000} s (first API answer at {restartToApi[^1]:0.000} s; empty app {restartBaseline[^1]:0.000} s), fresh --demo {cold[^1]:0.000} s (empty app {coldBaseline[^1]:0.000} s), idle {memory[^1]:0} MB (empty app {memoryBaseline[^1]:0} MB), load {LoadAverage.OneMinute():0.00}"));
        }

        return
        [
            new SuiteFigure("restart", Interleaved.Median(restart), Interleaved.Median(restartBaseline), "s"),
            new SuiteFigure("cold-start-demo", Interleaved.Median(cold), Interleaved.Median(coldBaseline), "s"),
            new SuiteFigure("idle-memory", Interleaved.Median(memory), Interleaved.Median(memoryBaseline), "MB"),
        ];
    }

    /// <summary>The <c>bench startup</c> command (and, hidden, the empty app it starts as its baseline).</summary>
    public static Command Command()
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds of Fieldlink and the empty app, interleaved; medians are reported.", DefaultValueFactory = _ => 3 };
        var quick = new Option<bool>("--quick") { Description = "Reads the idle memory 10 s after the first 200 instead of 30 s." };
        var emptyApp = new Option<string?>(EmptyAppOption) { Description = "Serves the empty baseline app at this URL.", Hidden = true };
        var command = new Command("startup", "Times fieldlink serve --demo to its first 200 on /healthz (fresh, and restarted) and its idle memory, beside an empty ASP.NET Core app. SQLite; --database is not used.")
            { rounds, quick, emptyApp };
        command.SetAction((result, ct) => result.GetValue(emptyApp) is { } url
            ? ServeEmptyAppAsync(url)
            : RunAsync(Console.Out, result.GetValue(rounds), result.GetValue(quick), ct));
        return command;
    }

    /// <summary><c>bench startup</c>: the three figures, one line each (<c>name fieldlink baseline ratio unit</c>).</summary>
    public static async Task<int> RunAsync(TextWriter output, int rounds, bool quick, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var figures = await MeasureAsync(new SuiteContext(Database: "", BrokerPort: 0, quick, rounds, output), ct);
        await output.WriteLineAsync($"load average {LoadAverage.OneMinute().ToString("0.00", CultureInfo.InvariantCulture)}");
        foreach (var figure in figures)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{figure.Name} {figure.Fieldlink:0.###} {figure.Baseline:0.###} {figure.Ratio:0.00} {figure.Unit}"));
        }

        return 0;
    }

    /// <summary>The baseline's server: what <c>dotnet new web</c> makes, with <c>/healthz</c> answering 200.</summary>
    public static async Task<int> ServeEmptyAppAsync(string url)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        await using var app = builder.Build();
        app.MapGet("/healthz", () => "Healthy");
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// The server the README's command runs, as built in Release: <c>FIELDLINK_BENCH_SERVER</c>, or
    /// <c>src/Fieldlink.Server/bin/Release/net10.0/fieldlink</c> in the repository the bench runs from.
    /// </summary>
    private static string ServerPath()
    {
        if (Environment.GetEnvironmentVariable("FIELDLINK_BENCH_SERVER") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var server = Path.Combine(directory.FullName, "src", "Fieldlink.Server", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "fieldlink.exe" : "fieldlink");
            if (File.Exists(Path.Combine(directory.FullName, "Fieldlink.slnx")))
            {
                return File.Exists(server)
                    ? server
                    : throw new InvalidOperationException($"No {server}: build it first (dotnet build src/Fieldlink.Server -c Release).");
            }
        }

        throw new InvalidOperationException("Not run from a Fieldlink checkout: set FIELDLINK_BENCH_SERVER to the fieldlink executable.");
    }

    /// <summary>A directory under the temp directory, deleted with what is in it.</summary>
    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fieldlink-startup-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
