using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Commands;

/// <summary>
/// A command to a device and its lifecycle: Queued → Sent → Delivered → Succeeded, or Failed, TimedOut, Expired,
/// Canceled; each step timestamped. Written Queued with the request, sent by the <see cref="CommandDispatcher"/>.
/// </summary>
public sealed class Command : Entity
{
    /// <summary>Fieldlink's id of the device.</summary>
    public Guid DeviceRecordId { get; set; }

    /// <summary>The customer asset the command was sent to, when it went to every device of an asset.</summary>
    public Guid? CustomerAssetId { get; set; }

    public required string Name { get; set; }

    /// <summary>The parameters, a JSON object.</summary>
    public string Parameters { get; set; } = "{}";

    /// <summary>The alert the command answers, if any.</summary>
    public Guid? AlertId { get; set; }

    public CommandStatus Status { get; set; } = CommandStatus.Queued;

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When it reached a final status.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When it stops being worth sending; a command still Queued then is Expired.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When a Sent or Delivered command without an outcome becomes TimedOut.</summary>
    public DateTimeOffset? TimeoutAt { get; set; }

    /// <summary>What the device answered, as JSON.</summary>
    public string? Response { get; set; }

    /// <summary>Why the command did not succeed, in Fieldlink's or the connector's words: at most <see cref="ErrorMaxLength"/> characters.</summary>
    public string? Error { get; set; }

    /// <summary>How much of an error is kept.</summary>
    public const int ErrorMaxLength = 2000;

    /// <summary>
    /// What the provider's system answered with a refusal (<see cref="Fieldlink.Sdk.CommandAcceptance.Detail"/>), at
    /// most <see cref="ErrorDetailMaxLength"/> characters; shown only to Administrators, since a vendor may echo
    /// internal information in it.
    /// </summary>
    public string? ErrorDetail { get; set; }

    /// <summary>How much of a refusal's detail is kept.</summary>
    public const int ErrorDetailMaxLength = 500;

    /// <summary>The client's <c>Idempotency-Key</c>: a retried request with the same key returns this command.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>How many times the dispatcher tried to hand the command over.</summary>
    public int Attempts { get; set; }

    /// <summary>The dispatcher process holding the command while it sends it.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Whether <paramref name="status"/> is final.</summary>
    public static bool IsFinal(CommandStatus status) =>
        status is CommandStatus.Succeeded or CommandStatus.Failed or CommandStatus.TimedOut or CommandStatus.Expired or CommandStatus.Canceled;
}
