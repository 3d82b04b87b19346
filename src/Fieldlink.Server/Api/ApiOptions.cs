using System.ComponentModel.DataAnnotations;

namespace Fieldlink.Server.Api;

/// <summary>Limits of the API (configuration section <c>Api</c>; environment <c>FIELDLINK_Api__MaxPageSize</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The most records one page holds, whatever $top asks; the rest is behind the next link. Default: 100.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The largest request body accepted, in bytes; larger ones are refused with 413. Default: 1 MiB.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;
}
