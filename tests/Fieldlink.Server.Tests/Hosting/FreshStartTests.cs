using System.Collections.Concurrent;
using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>A first start on an empty store, run as a process: it migrates, serves, and logs nothing alarming.</summary>
public sealed class FreshStartTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_fresh_start_logs_no_warnings_nor_errors(string store)
    {
        using var dataDir = new TempDirectory();
        await using var database = store == "postgres" ? await TestPostgres.CreateDatabaseAsync() : null;
        var port = FieldlinkProcess.FreePort();
        string[] args = database is null
            ? ["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path]
            : ["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path, "--database", database.ConnectionString];
        using var process = FieldlinkProcess.Start(args);
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var healthy = await FieldlinkProcess.WaitUntilHealthyAsync(process, client);

            Assert.True(healthy, "fieldlink serve did not become healthy: " + string.Join('\n', lines));
            Assert.Contains(lines, l => l.Contains("migrations applied now", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
