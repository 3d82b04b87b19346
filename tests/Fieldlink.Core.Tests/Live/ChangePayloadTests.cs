using System.Text;
using Fieldlink.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fieldlink.Core.Tests.Live;

/// <summary>The notification text other processes read: compact, cut to PostgreSQL's limit, and never trusted.</summary>
public sealed class ChangePayloadTests
{
    [Fact]
    public void Encode_and_TryDecode_carry_every_kind_with_and_without_ids_and_devices()
    {
        RecordChange[] changes =
        [
            new(RecordKind.Alert, Guid.CreateVersion7(), Guid.CreateVersion7()),
            new(RecordKind.Command, Guid.CreateVersion7(), null),
            RecordChange.Any(RecordKind.Device, Guid.CreateVersion7()),
            RecordChange.Any(RecordKind.Case),
            new(RecordKind.WorkOrder, Guid.CreateVersion7(), null),

            // A kind added later needs its own letter in the payload.
            .. Enum.GetValues<RecordKind>().Select(kind => new RecordChange(kind, Guid.CreateVersion7(), null)),
        ];

        var payload = Assert.Single(ChangePayload.Encode("abc123", changes));

        Assert.True(ChangePayload.TryDecode(payload, out var origin, out var read));
        Assert.Equal("abc123", origin);
        Assert.Equal(changes, read);
    }

    [Fact]
    public void Encode_cuts_a_long_batch_into_payloads_within_the_limit_each_complete()
    {
        var changes = Enumerable.Range(0, 500).Select(_ => new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), Guid.CreateVersion7())).ToList();

        var payloads = ChangePayload.Encode("abc123", changes);

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= ChangePayload.MaxBytes));
        Assert.Equal(changes, payloads.SelectMany(Decoded).ToList());
    }

    private static IReadOnlyList<RecordChange> Decoded(string payload)
    {
        Assert.True(ChangePayload.TryDecode(payload, out _, out var changes));
        return changes;
    }

    [Theory]
    [InlineData("")]
    [InlineData("no separator")]
    [InlineData("abc;X0190a")]
    [InlineData("abc;Anot-a-guid")]
    [InlineData("abc;A*/x/y")]
    public void TryDecode_refuses_what_is_not_a_payload(string payload) =>
        Assert.False(ChangePayload.TryDecode(payload, out _, out _));

    [Fact]
    public void Received_publishes_another_process_s_changes_but_not_this_one_s_own()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
        var live = new LiveChanges(feed, NullLogger<LiveChanges>.Instance);
        var published = new List<RecordChange>();
        using var subscription = feed.Subscribe(published.AddRange);
        var change = new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), null);

        live.Received(ChangePayload.Encode(live.Origin, [change])[0]);
        live.Received(ChangePayload.Encode("0123456789ab", [change])[0]);
        live.Received("not ours");

        Assert.Equal([change], published);
    }
}
