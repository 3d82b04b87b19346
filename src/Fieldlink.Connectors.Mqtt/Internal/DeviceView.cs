using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>What a device last published about itself, for pulls. Immutable; each report makes a new view.</summary>
internal sealed record DeviceView(ConnectionState? State, DateTimeOffset? StateChangedAt, JsonObject? Reported, DateTimeOffset? LastActivityAt)
{
    public static DeviceView Empty { get; } = new(null, null, null, null);

    public DeviceView With(DeviceStateReport report, DateTimeOffset now)
    {
        var reported = Reported;
        if (report.ReportedProperties is { } properties)
        {
            reported = Reported?.DeepClone().AsObject() ?? [];
            foreach (var (name, value) in properties)
            {
                reported[name] = value?.DeepClone();
            }
        }

        var changed = report.ConnectionState is { } state && state != State;
        var activity = report.LastActivityAt is { } at && at > MessageReader.RetainedActivity ? at : (report.LastActivityAt is null ? now : LastActivityAt);
        return new DeviceView(report.ConnectionState ?? State, changed ? now : StateChangedAt, reported, activity);
    }

    public DeviceData ToData(Guid id) =>
        new(id, DeviceDataStatus.Enabled, State ?? ConnectionState.Unknown, StateChangedAt, Reported?.DeepClone().AsObject(), LastActivityAt);
}
