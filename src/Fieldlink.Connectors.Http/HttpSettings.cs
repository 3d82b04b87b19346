using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Http;

/// <summary>The settings of an http provider instance.</summary>
public sealed class HttpSettings
{
    /// <summary>
    /// The secret shared with the vendor: <c>whsec_</c> and base64 for Standard Webhooks (it signs both ways), any
    /// text of 16 characters or more for a plain HMAC header. Required; write-only.
    /// </summary>
    [Description("The secret shared with the vendor: whsec_ and base64 for Standard Webhooks (it signs both ways), any text of 16 characters or more for a plain HMAC header; write-only.")]
    [Required]
    [MinLength(16)]
    [Secret]
    public string? SigningSecret { get; set; }

    /// <summary>How the vendor signs what it sends. Default: StandardWebhooks.</summary>
    [Description("How the vendor signs what it sends: StandardWebhooks or HmacSha256.")]
    public HttpSignatureScheme SignatureScheme { get; set; } = HttpSignatureScheme.StandardWebhooks;

    /// <summary>The header carrying the body's HMAC-SHA256 when <see cref="SignatureScheme"/> is HmacSha256. Default: X-Signature.</summary>
    [Description("The header carrying the body's HMAC-SHA256 when signatureScheme is HmacSha256.")]
    [MaxLength(100)]
    public string SignatureHeader { get; set; } = "X-Signature";

    /// <summary>Where commands are POSTed. Default: none, which uses the provider instance's url.</summary>
    [Description("Where commands are POSTed; none uses the provider instance's url.")]
    [Url]
    public string? CommandUrl { get; set; }

    /// <summary>How long the vendor has to answer a command POST, in seconds. Default: 15.</summary>
    [Description("How long, in seconds, the vendor has to answer a command POST.")]
    [Range(1, 120)]
    public int CommandTimeoutSeconds { get; set; } = 15;
}
