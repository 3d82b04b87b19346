using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// A dispatcher's console queuing commands to devices through the API until the server goes away (or it is told to
/// stop); a command the API answered 202 is one it promised to deliver.
/// </summary>
public sealed class CommandTraffic(IReadOnlyList<Guid> deviceRecordIds)
{
    private readonly ConcurrentDictionary<Guid, bool> _accepted = new();
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The ids of the commands the API accepted.</summary>
    public ICollection<Guid> Accepted => _accepted.Keys;

    /// <summary>Answers other than 202 (the server answered, so it had not died): each is a finding.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public async Task QueueAsync(HttpClient client, int worker, Random random, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(random);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var device = deviceRecordIds[random.Next(deviceRecordIds.Count)];
            HttpResponseMessage response;
            try
            {
                // A request under way when told to stop runs to its answer, so a command the server accepted is booked.
                response = await client.PostAsJsonAsync(
                    new Uri($"/api/v1/devices/{device}/commands", UriKind.Relative),
                    new { name = "Ping", parameters = new { worker, n } },
                    JsonSerializerOptions.Web,
                    CancellationToken.None);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    _accepted[Guid.Parse((string)JsonNode.Parse(body)!["id"]!)] = true;
                }
                else
                {
                    _errors.Enqueue($"{(int)response.StatusCode} {body}");
                }
            }
        }
    }
}
