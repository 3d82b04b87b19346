using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// Something a device's system reported that may need attention. Repeats of the same problem are grouped: the
/// first alert of a group is its parent, which counts its children and knows when the last one came.
/// </summary>
public sealed class Alert : Entity
{
    public const int StatusNoteMaxLength = 1000;

    public const int DescriptionMaxLength = 2000;
    public const int DataMaxLength = 8192;

    public Guid ProviderInstanceId { get; set; }

    /// <summary>The provider of the instance, kept so the unified list filters by provider without a join.</summary>
    public Guid ProviderId { get; set; }

    /// <summary>The device's id in its provider's system, as the alert named it (kept even when no device matched).</summary>
    public required string DeviceId { get; set; }

    /// <summary>Fieldlink's device, or null for an unmatched alert.</summary>
    public Guid? DeviceRecordId { get; set; }

    public Guid? CustomerAssetId { get; set; }

    public Guid? AccountId { get; set; }

    public AlertType AlertType { get; set; }

    public required string Description { get; set; }

    public DateTimeOffset AlertTime { get; set; }

    /// <summary>The system's details, as JSON, or null.</summary>
    public string? Data { get; set; }

    /// <summary>The system's id of the event; unique within the provider instance.</summary>
    public string? Token { get; set; }

    public string? Url { get; set; }

    public AlertStatus Status { get; set; } = AlertStatus.Active;

    public AlertStatusReason StatusReason { get; set; } = AlertStatusReason.New;

    /// <summary>
    /// What the person who last changed the status wrote about it ("false alarm: sensor recalibrated"); null when they
    /// wrote nothing or the last change was Fieldlink's own (a case, a command). At most <see cref="StatusNoteMaxLength"/>.
    /// </summary>
    public string? StatusNote { get; set; }

    /// <summary>The parent of the alert's group, or null when the alert is a parent (or grouping was off).</summary>
    public Guid? ParentAlertId { get; set; }

    /// <summary>What the grouping fields of IoT settings gave for this alert; alerts with the same key may group.</summary>
    public required string GroupKey { get; set; }

    /// <summary>On a parent: how many alerts joined its group.</summary>
    public int ChildCount { get; set; }

    /// <summary>On a parent: the alert time of the latest alert of its group (its own when it has none).</summary>
    public DateTimeOffset LastOccurrenceAt { get; set; }

    /// <summary>The case created from the alert (or from its parent), if any.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>The data pull made for the alert when it arrived, if IoT settings pull on alert.</summary>
    public Guid? DataHistoryId { get; set; }

    /// <summary>Whether the pull on arrival is still to be done; it stays set while a process makes it, until it is made.</summary>
    public bool AutoPullPending { get; set; }

    /// <summary>
    /// The process making the pull on arrival, if one claimed it: a lease owner of its incarnation
    /// (<see cref="Fleet.ThisNode.LeaseOwner(string)"/>), so a survivor can release the claims of a dead process.
    /// </summary>
    public string? AutoPullLeaseOwner { get; set; }

    /// <summary>Until when the claim holds; after it, another process may claim the pull again.</summary>
    public DateTimeOffset? AutoPullLeaseUntil { get; set; }
}
