using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// The property-based fuzz of issue 9, with CsCheck, over every write route, every PATCH and every collection's OData
/// options (the table is <see cref="FuzzRoutes"/>), on SQLite and PostgreSQL. For every generated request:
/// (1) no 5xx, ever (for actions only the documented 501, not supported, and 502, the provider's system failed);
/// (2) a 4xx is application/problem+json, leaks no internals, and nothing was written (the store's fingerprint is the same);
/// (3) after a 2xx the store still reads: the created or changed record, and what depends on it, answer 200.
/// Each route draws <c>FIELDLINK_FUZZ_ITERATIONS</c> requests from <c>FIELDLINK_FUZZ_SEED</c> (see <see cref="FuzzBudget"/>);
/// a failure lists each distinct fault with the seed that makes it, and the first one shrunk to a minimal request.
/// Replay one with <c>FIELDLINK_FUZZ_REPLAY=&lt;seed&gt;</c>.
/// </summary>
public abstract partial class ApiFuzzTests(FuzzStore store)
{
    public static TheoryData<string> Routes { get; } = new(FuzzRoutes.All.Select(r => r.Key));

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_never_answers_5xx_and_writes_nothing_it_refuses(string route)
    {
        var fuzzed = FuzzRoutes.Find(route);
        var requests = FuzzRequests.For(fuzzed);
        await store.Pools.RefreshAsync();

        var stream = StableHash(route);
        var seeds = FuzzBudget.Replay is { } replay
            ? [replay]
            : Enumerable.Range(0, FuzzBudget.Iterations).Select(i => new PCG(stream, (FuzzBudget.Seed * 1_000_003UL) + (ulong)i).ToString()).ToList();
        var failures = new List<(Failure Failure, string Seed)>();
        foreach (var seed in seeds)
        {
            var request = requests.Generate(PCG.Parse(seed), null, out _);
            if (await CheckAsync(request) is { } failure)
            {
                failures.Add((failure, seed));
            }
        }

        if (failures.Count == 0)
        {
            return;
        }

        var distinct = failures.GroupBy(f => f.Failure.Signature, StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => f.Failure.Report.Length).First()).ToList();
        var report = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{route}: {failures.Count} of {seeds.Count} requests broke a property ({distinct.Count} distinct), FIELDLINK_FUZZ_SEED={FuzzBudget.Seed}.\n");
        foreach (var (failure, seed) in distinct)
        {
            report.Append(CultureInfo.InvariantCulture, $"\n- {failure.Signature}\n  replay: FIELDLINK_FUZZ_REPLAY={seed}\n  {failure.Report.Replace("\n", "\n  ", StringComparison.Ordinal)}\n");
        }

        report.Append("\nThe first, shrunk: ").Append(await ShrinkAsync(requests, distinct[0].Seed));
        Assert.Fail(report.ToString());
    }

    /// <summary>Lets CsCheck look for a smaller request that still breaks a property, starting from the failing seed.</summary>
    private async Task<string> ShrinkAsync(Gen<FuzzRequest> requests, string seed)
    {
        try
        {
            await requests.SampleAsync(
                async request =>
                {
                    if (await CheckAsync(request) is { } failure)
                    {
                        throw new InvalidOperationException(failure.Signature + "\n" + failure.Outcome);
                    }
                },
                seed: seed, iter: FuzzBudget.ShrinkIterations, threads: 1, print: r => r.Print(store.Pools.Resolve));
            return "the failure did not happen again (the store has changed since).";
        }
        catch (CsCheckException ex)
        {
            return $"{ex.Message}\n  {ex.InnerException?.Message.Replace("\n", "\n  ", StringComparison.Ordinal)}";
        }
    }

    /// <summary>Sends one request and checks the three properties; null when all hold.</summary>
    private async Task<Failure?> CheckAsync(FuzzRequest request)
    {
        var route = request.Route;
        var resolve = store.Pools.Resolve;
        var before = await store.Fingerprint.TakeAsync();
        var mark = store.Errors.Mark;
        int status;
        string mediaType, body;
        Uri? location;
        HttpResponseMessage? response = null;
        try
        {
            using var message = new HttpRequestMessage(new HttpMethod(route.Method), request.Path(resolve));
            var bytes = string.IsNullOrEmpty(request.Body) ? [] : FuzzRequest.Encode(resolve(request.Body));
            if (bytes.Length > 0)
            {
                message.Content = new ByteArrayContent(bytes);
                if (request.ContentType is { } contentType)
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                }
            }

            if (route.Template.Contains("/ingest/{providerInstanceId}/", StringComparison.Ordinal))
            {
                // Signed as the vendor would, so the body gets past the signature to the parsing and storing.
                message.Headers.Add("X-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FuzzStore.HttpSigningSecret), bytes)));
            }

            response = await store.Admin.SendAsync(message);
            status = (int)response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
            body = await response.Content.ReadAsStringAsync();
            location = response.Headers.Location;
        }
        catch (TaskCanceledException)
        {
            return Fail(request, "no answer within 30 s", 0, string.Empty, mark);
        }
        finally
        {
            response?.Dispose();
        }

        // Kestrel refuses an encoded NUL in the path before any of Fieldlink runs, with a bare 400: nothing to write, nothing to name.
        if (status == 400 && body.Length == 0 && request.Path(resolve).Split('?')[0].Contains("%00", StringComparison.Ordinal))
        {
            return null;
        }

        // The API documents 501 (the provider does not support the action) and 502 (the provider's system, here the test
        // vendor's code given a hostile input, failed) for actions; the server log still shows what happened.
        if (status >= 500 && !(status is 501 or 502 && IsAction(route)))
        {
            return Fail(request, $"{status}", status, body, mark);
        }

        if (status is >= 400 and < 500)
        {
            if (mediaType != "application/problem+json")
            {
                return Fail(request, $"{status} answered as {mediaType}, not application/problem+json", status, body, mark);
            }

            if (LeakPattern().Match(body) is { Success: true } leak)
            {
                return Fail(request, $"{status} whose text leaks internals ('{leak.Value}')", status, body, mark);
            }

            var after = await store.Fingerprint.TakeAsync();
            if (after != before)
            {
                var difference = StoreFingerprint.Difference(before, after);
                var tables = string.Join(", ", difference.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')[0]));
                return Fail(request, $"{status}, yet the store changed ({tables})", status, body, mark, difference);
            }

            return null;
        }

        if (status is >= 200 and < 300)
        {
            await store.SettleAsync();
            await store.Pools.RefreshAsync();
            var ids = request.PathValues.Select(resolve).ToArray();
            string[] created = location is null ? [] : [location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString];
            foreach (var read in created.Concat(route.ReadBack ?? []))
            {
                var path = resolve(string.Format(CultureInfo.InvariantCulture, read, ids));
                using var answer = path.StartsWith("POST ", StringComparison.Ordinal)
                    ? await store.Admin.PostJsonAsync(path[5..], new[] { new { measure = "temperature", aggregate = "Avg", timeRangeType = "Days", timeRangeValue = 30 } })
                    : await store.Admin.GetAsync(path);
                if ((int)answer.StatusCode != 200 && !(route.Method == "DELETE" && (int)answer.StatusCode == 404))
                {
                    var shown = created.Contains(read) ? "its Location" : read;
                    return Fail(request, $"{status}, then {shown} answered {(int)answer.StatusCode}", status, $"{body}\nthen {path} => {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}", mark);
                }
            }
        }

        return null;
    }

    private Failure Fail(FuzzRequest request, string what, int status, string body, long mark, string? detail = null)
    {
        var errors = store.Errors.Since(mark);
        var cause = errors.FirstOrDefault(e => e.Contains(" — ", StringComparison.Ordinal)) ?? (errors.Count > 0 ? errors[0] : null);
        if (cause?.IndexOf(" — ", StringComparison.Ordinal) is { } dash and >= 0)
        {
            // The exception is the cause; which middleware logged it is the same every time.
            cause = cause[(dash + 3)..];
        }

        var signature = $"{request.Route.Key}: {what}" + (cause is null ? string.Empty : $" — {Normalize(cause)}");
        var outcome = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"=> {(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))} {(body.Length > 400 ? body[..400] + "…" : body)}");
        if (detail is not null)
        {
            outcome.Append("\nchanged:").Append(detail);
        }

        foreach (var error in errors.Take(3))
        {
            outcome.Append("\nserver log: ").Append(error);
        }

        return new Failure(signature, request.Print(store.Pools.Resolve), outcome.ToString());
    }

    private static bool IsAction(FuzzRoute route) =>
        route.Method == "POST" && (route.Template.Contains("/register", StringComparison.Ordinal) || route.Template.Contains("/pull", StringComparison.Ordinal)
            || route.Template.Contains("/actions/", StringComparison.Ordinal) || route.Template.EndsWith("/commands", StringComparison.Ordinal));

    /// <summary>A failure's cause without the ids and numbers that differ from one request to the next.</summary>
    private static string Normalize(string cause) => NumberPattern().Replace(GuidPattern().Replace(cause, "<id>"), "<n>");

    /// <summary>The same stream for a route on every machine (string.GetHashCode differs per process).</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    [GeneratedRegex("Microsoft\\.EntityFrameworkCore|Npgsql|SQLite Error|could not be translated|System\\.[A-Za-z.]*Exception|\\n\\s+at [A-Z]")]
    private static partial Regex LeakPattern();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex NumberPattern();

    private sealed record Failure(string Signature, string Request, string Outcome)
    {
        public string Report => Request + "\n" + Outcome;
    }
}

public sealed class ApiFuzzOnSqliteTests(SqliteFuzzStore store) : ApiFuzzTests(store), IClassFixture<SqliteFuzzStore>;

public sealed class ApiFuzzOnPostgresTests(PostgresFuzzStore store) : ApiFuzzTests(store), IClassFixture<PostgresFuzzStore>;
