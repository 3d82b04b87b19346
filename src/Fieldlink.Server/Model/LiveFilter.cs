using Fieldlink.Core.Live;

namespace Fieldlink.Server.Model;

/// <summary>
/// Which changes a page watches: those of <see cref="Kinds"/> and, when <see cref="DeviceIds"/> is given, of those
/// devices. A change that names no device passes the device filter when it stands for some records of its kind
/// (<see cref="RecordChange.IsAny"/>) or is of a kind that belongs to no device (a case, a work order).
/// </summary>
public sealed record LiveFilter(IReadOnlySet<RecordKind> Kinds, IReadOnlySet<Guid>? DeviceIds = null)
{
    /// <summary>Changes of <paramref name="kinds"/>, of any device.</summary>
    public static LiveFilter Of(params RecordKind[] kinds) => new(kinds.ToHashSet());

    /// <summary>These kinds, of <paramref name="deviceIds"/> only.</summary>
    public LiveFilter ForDevices(params Guid[] deviceIds) => this with { DeviceIds = deviceIds.ToHashSet() };

    /// <summary>Whether the page shows something <paramref name="change"/> may have changed.</summary>
    public bool Matches(RecordChange change) =>
        Kinds.Contains(change.Kind)
        && (DeviceIds is null
            || (change.DeviceId is { } device ? DeviceIds.Contains(device) : change.IsAny || change.Kind is RecordKind.Case or RecordKind.WorkOrder));
}
