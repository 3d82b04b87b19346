using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Fieldlink.Core.Data;

namespace Fieldlink.Core.Cases;

/// <summary>
/// A remote investigation of an alert, the first step of the reference's guided process; when it does not resolve
/// the problem, a work order sends a technician. Created only from an alert, whose group it covers.
/// </summary>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Case is the word of the domain (DESIGN.md); Visual Basic's Select Case does not concern this C# code base.")]
public sealed class Case : Entity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>The number people say on the phone, e.g. <c>CAS-000045</c>; unique, in order of creation.</summary>
    public required string Number { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Active;

    public CasePriority Priority { get; set; } = CasePriority.Normal;

    /// <summary>The alert the case was created from (any alert of its group).</summary>
    public Guid AlertId { get; set; }

    public Guid? AccountId { get; set; }

    public Guid? CustomerAssetId { get; set; }

    /// <summary>When it was last resolved; cleared when it is reopened.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }

    /// <summary>
    /// The key that serializes changes of one case (its status, its new work orders) across processes, in the same
    /// space as the alert group keys (<see cref="Alerts.AlertGroupKey.LockKey"/>).
    /// </summary>
    public static long LockKey(Guid caseId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"case/{caseId}")));
}
