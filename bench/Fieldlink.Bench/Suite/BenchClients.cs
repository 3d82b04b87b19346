using System.Net;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// The HTTP clients of the suite's HTTP figures, made alike for Fieldlink and for its baseline so that only the server
/// differs: each its own connection pool, HTTP/1.1 (what devices and vendors' back ends mostly speak), no proxy.
/// </summary>
public static class BenchClients
{
    public static HttpClient[] Create(int count, Uri address, string? bearer)
    {
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromMinutes(5),
                DefaultRequestVersion = HttpVersion.Version11,
            };
            if (bearer is not null)
            {
                client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
            }

            return client;
        })];
    }

    /// <summary>A POST of a JSON body the run made beforehand, so making it costs the timed run nothing.</summary>
    public static HttpRequestMessage Post(string path, byte[] json) =>
        new(HttpMethod.Post, path) { Content = new ByteArrayContent(json) { Headers = { ContentType = new("application/json") } } };
}
