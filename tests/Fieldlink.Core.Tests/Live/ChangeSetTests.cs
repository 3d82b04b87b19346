using Fieldlink.Core.Live;

namespace Fieldlink.Core.Tests.Live;

/// <summary>A unit of work's changes stay few however large the batch: by id, then by device, then the kind.</summary>
public sealed class ChangeSetTests
{
    [Fact]
    public void Keeps_each_change_once_kind_by_kind()
    {
        var device = Guid.CreateVersion7();
        var alert = new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), device);
        var command = new RecordChange(RecordKind.Command, Guid.CreateVersion7(), device);
        var set = new ChangeSet();

        set.AddRange([alert, command, alert]);

        Assert.Equal([alert, command], set.ToList());
    }

    [Fact]
    public void Past_the_limit_names_the_devices_and_past_as_many_devices_only_the_kind()
    {
        var devices = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        var set = new ChangeSet();
        set.AddRange(Enumerable.Range(0, ChangeSet.MaxPerKind + 1).Select(i => new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), devices[i % 3])));
        set.Add(new RecordChange(RecordKind.Case, Guid.CreateVersion7(), null));

        Assert.Equal(
            devices.Select(d => RecordChange.Any(RecordKind.Alert, d)).OrderBy(c => c.DeviceId).ToList(),
            set.ToList().Where(c => c.Kind == RecordKind.Alert).OrderBy(c => c.DeviceId).ToList());
        Assert.Single(set.ToList(), c => c.Kind == RecordKind.Case && !c.IsAny);

        set.AddRange(Enumerable.Range(0, ChangeSet.MaxPerKind).Select(_ => new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), Guid.CreateVersion7())));

        Assert.Equal([RecordChange.Any(RecordKind.Alert)], set.ToList().Where(c => c.Kind == RecordKind.Alert));
    }

    [Fact]
    public void Past_the_limit_with_a_change_of_no_device_keeps_only_the_kind()
    {
        var set = new ChangeSet();
        set.Add(new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), null));
        set.AddRange(Enumerable.Range(0, ChangeSet.MaxPerKind).Select(_ => new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), Guid.Empty)));

        Assert.Equal([RecordChange.Any(RecordKind.Alert)], set.ToList());
    }
}
