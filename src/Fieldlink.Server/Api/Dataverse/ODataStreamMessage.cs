using Microsoft.OData;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// A request or response message over a stream, for the OData library's readers and writers: the <c>$batch</c>
/// multipart body read and written by <see cref="ODataMessageReader"/> / <see cref="ODataMessageWriter"/>, and the
/// service document.
/// </summary>
public sealed class ODataStreamMessage(Stream stream, IEnumerable<KeyValuePair<string, string>>? headers = null) : IODataRequestMessageAsync, IODataResponseMessageAsync
{
    private readonly Dictionary<string, string> _headers = headers?.ToDictionary(StringComparer.OrdinalIgnoreCase) ?? new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

    public Uri Url { get; set; } = new("http://localhost/");

    public string Method { get; set; } = "POST";

    public int StatusCode { get; set; }

    public string? GetHeader(string headerName) => _headers.TryGetValue(headerName, out var value) ? value : null;

    public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

    public Stream GetStream() => stream;

    public Task<Stream> GetStreamAsync() => Task.FromResult(stream);
}
