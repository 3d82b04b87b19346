using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// Vendors' systems posting alerts (most with tokens, some without) and telemetry in batches over the ingestion API
/// until the server goes away, writing what they sent and what was answered into the <see cref="Ledger"/>. A batch
/// that got no answer is kept, to be sent again as a client would once the server is back.
/// </summary>
public sealed class IngestionTraffic(Ledger ledger, Guid instanceId, IReadOnlyList<string> deviceIds, DateTimeOffset windowStart, int windowSeconds)
{
    private readonly Lock _lock = new();
    private readonly List<(string Kind, JsonArray Batch)> _unanswered = [];
    private readonly List<string> _errors = [];
    private readonly List<JsonArray> _tokenBatches = [];
    private readonly int[] _nextSecond = new int[deviceIds.Count];
    private int _answered;

    /// <summary>How many batches were answered 200, alerts and telemetry together.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Answers other than 200 (the server answered, so it had not died): each is a finding.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Posts alert batches until a request fails because the server is gone.</summary>
    public async Task PostAlertsAsync(HttpClient client, int worker, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var batchNumber = 0; ; batchNumber++)
        {
            var batch = new JsonArray();
            var size = random.Next(1, 26);
            for (var i = 0; i < size; i++)
            {
                var description = $"http w{worker} b{batchNumber} #{i}";
                var token = random.NextDouble() < 0.7 ? $"tok-{description.Replace(' ', '-')}" : null;
                var deviceId = deviceIds[random.Next(deviceIds.Count)];
                ledger.Sent(new SentAlert(deviceId, description, token));
                batch.Add(new JsonObject { ["deviceId"] = deviceId, ["description"] = description, ["token"] = token });
            }

            if (!await PostAsync(client, "alerts", batch))
            {
                return;
            }
        }
    }

    /// <summary>Posts telemetry batches until a request fails because the server is gone, or the window is full.</summary>
    public async Task PostTelemetryAsync(HttpClient client, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var batch = new JsonArray();
            var size = random.Next(1, 101);
            for (var i = 0; i < size; i++)
            {
                var device = random.Next(deviceIds.Count);
                var second = Interlocked.Increment(ref _nextSecond[device]) - 1;
                if (second >= windowSeconds)
                {
                    return;
                }

                var reading = new SentReading(deviceIds[device], second);
                ledger.Sent(reading);
                batch.Add(new JsonObject { ["deviceId"] = reading.DeviceId, ["timestamp"] = reading.At(windowStart), ["values"] = new JsonObject { ["temperature"] = second } });
            }

            if (!await PostAsync(client, "telemetry", batch))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Once the server is back: sends each batch that got no answer again, and the last alert batches with tokens that
    /// were answered, whose tokens must now be duplicates of the same alerts.
    /// </summary>
    /// <returns>How many batches had no answer and were sent again.</returns>
    public async Task<int> RetryAsync(HttpClient client)
    {
        int unanswered;
        List<(string Kind, JsonArray Batch)> retries;
        lock (_lock)
        {
            unanswered = _unanswered.Count;
            retries = [.. _unanswered, .. _tokenBatches.TakeLast(3).Select(b => ("alerts", b))];
            _unanswered.Clear();
        }

        foreach (var (kind, batch) in retries)
        {
            if (kind == "alerts")
            {
                foreach (var item in batch)
                {
                    ledger.Sent(ToAlert(item!));
                }
            }

            Assert.True(await PostAsync(client, kind, batch), $"A {kind} batch sent again after the restart got no answer.");
        }

        return unanswered;
    }

    /// <summary>Posts a batch and books its answer; false when no answer came (the server is gone).</summary>
    private async Task<bool> PostAsync(HttpClient client, string kind, JsonArray batch)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(new Uri($"/api/v1/ingest/{kind}?instance={instanceId}", UriKind.Relative), batch, JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            lock (_lock)
            {
                _unanswered.Add((kind, batch));
            }

            return false;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                lock (_lock)
                {
                    _errors.Add($"{kind}: {(int)response.StatusCode} {body}");
                    _unanswered.Add((kind, batch));
                }

                return true;
            }

            var results = JsonNode.Parse(body)!.AsArray();
            Assert.Equal(batch.Count, results.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                Book(kind, batch[i]!, results[i]!);
            }

            Interlocked.Increment(ref _answered);
            if (kind == "alerts" && batch.Any(a => a!["token"] is not null))
            {
                lock (_lock)
                {
                    _tokenBatches.Add(batch);
                }
            }

            return true;
        }
    }

    private void Book(string kind, JsonNode item, JsonNode result)
    {
        var status = (string)result["status"]!;
        if (kind == "alerts" && status is "created" or "duplicate")
        {
            ledger.Acknowledged(ToAlert(item), Guid.Parse((string)result["alertId"]!));
        }
        else if (kind == "telemetry" && status == "stored")
        {
            var reading = new SentReading((string)item["deviceId"]!, (int)item["values"]!["temperature"]!);
            ledger.Acknowledged(reading);
        }
        else
        {
            lock (_lock)
            {
                _errors.Add($"{kind}: item {item.ToJsonString()} answered {result.ToJsonString()}");
            }
        }
    }

    private static SentAlert ToAlert(JsonNode item) => new((string)item["deviceId"]!, (string)item["description"]!, (string?)item["token"]);
}
