using Microsoft.OData;

namespace Fieldlink.Server.Tests.Api.OData;

/// <summary>An HTTP answer as the OData library's reader takes it.</summary>
public sealed class ODataResponseMessage(Stream body, string contentType) : IODataResponseMessage
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType, ["OData-Version"] = "4.0" };

    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

    public int StatusCode { get; set; } = 200;

    public string GetHeader(string headerName) => _headers.TryGetValue(headerName, out var value) ? value : null!;

    public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

    public Stream GetStream() => body;
}
