using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Storage.Sqlite;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Core.Tests.Commands;

/// <summary>
/// The command state machine: which moves it allows, and that every write it makes is conditional, stamped (version
/// and time moved on) and announced with its <c>command.status_changed</c> event. On SQLite, through the real migrations.
/// </summary>
public sealed class CommandTransitionsTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Claims = ["claim"];

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WebhookSubscriptionCache _subscriptions;
    private readonly WebhookSignal _webhooks;
    private Guid _instanceId;
    private Guid _deviceId;

    public CommandTransitionsTests()
    {
        _subscriptions = new WebhookSubscriptionCache(Options.Create(new WebhookOptions()), _time);
        _webhooks = new WebhookSignal(_time);
    }

    public static TheoryData<CommandStatus, CommandStatus> Allowed => new()
    {
        { CommandStatus.Queued, CommandStatus.Sent },
        { CommandStatus.Queued, CommandStatus.Delivered },
        { CommandStatus.Queued, CommandStatus.Succeeded },
        { CommandStatus.Queued, CommandStatus.Failed },
        { CommandStatus.Queued, CommandStatus.TimedOut },
        { CommandStatus.Queued, CommandStatus.Expired },
        { CommandStatus.Queued, CommandStatus.Canceled },
        { CommandStatus.Sent, CommandStatus.Delivered },
        { CommandStatus.Sent, CommandStatus.Succeeded },
        { CommandStatus.Sent, CommandStatus.Failed },
        { CommandStatus.Sent, CommandStatus.TimedOut },
        { CommandStatus.Delivered, CommandStatus.Succeeded },
        { CommandStatus.Delivered, CommandStatus.Failed },
        { CommandStatus.Delivered, CommandStatus.TimedOut },
    };

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme Cloud", Connector = "simulator" };
        var instance = new ProviderInstance { ProviderId = provider.Id, Name = "Acme EU" };
        var device = new Device { Name = "Pump 1", DeviceId = "pump-1", ProviderInstanceId = instance.Id };
        db.AddRange(provider, instance);
        await db.SaveChangesAsync();
        device.ProviderInstanceId = instance.Id;
        db.Add(device);
        await db.SaveChangesAsync();
        _instanceId = instance.Id;
        _deviceId = device.Id;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _webhooks.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Allows_each_forward_move(CommandStatus from, CommandStatus to) => Assert.True(CommandTransitions.Allows(from, to));

    [Fact]
    public void Allows_refuses_every_other_move()
    {
        var allowed = Allowed.Select(row => ((CommandStatus)row[0], (CommandStatus)row[1])).ToHashSet();
        var statuses = Enum.GetValues<CommandStatus>();
        foreach (var from in statuses)
        {
            foreach (var to in statuses.Where(to => !allowed.Contains((from, to))))
            {
                Assert.False(CommandTransitions.Allows(from, to), $"{from} → {to}");
            }
        }
    }

    [Fact]
    public void ReportedFrom_names_each_status_a_report_moves_from_and_none_for_what_only_Fieldlink_decides()
    {
        Assert.Equal([CommandStatus.Queued], CommandTransitions.ReportedFrom(CommandStatus.Sent));
        Assert.Equal([CommandStatus.Queued, CommandStatus.Sent], CommandTransitions.ReportedFrom(CommandStatus.Delivered));
        foreach (var final in new[] { CommandStatus.Succeeded, CommandStatus.Failed, CommandStatus.TimedOut })
        {
            Assert.Equal([CommandStatus.Queued, CommandStatus.Sent, CommandStatus.Delivered], CommandTransitions.ReportedFrom(final));
        }

        Assert.Empty(CommandTransitions.ReportedFrom(CommandStatus.Queued));
        Assert.Empty(CommandTransitions.ReportedFrom(CommandStatus.Expired));
        Assert.Empty(CommandTransitions.ReportedFrom(CommandStatus.Canceled));
        Assert.Empty(CommandTransitions.ReportedFrom((CommandStatus)99));
    }

    [Fact]
    public async Task CancelAsync_cancels_a_queued_command_stamps_it_and_announces_it()
    {
        await SubscribeAsync();
        var command = await AddCommandAsync();
        var now = Later();

        await using (var db = NewContext())
        {
            Assert.True(await Transitions(db).CancelAsync(command.Id, owner: null, now, default));
        }

        var canceled = await ReloadAsync(command.Id);
        Assert.Equal(CommandStatus.Canceled, canceled.Status);
        Assert.Equal(now, canceled.CompletedAt);
        AssertStamped(command, canceled, now);
        Assert.Equal(1, await EventsAsync());
    }

    [Fact]
    public async Task CancelAsync_refuses_a_command_past_Queued_or_leased_to_another_and_writes_nothing()
    {
        await SubscribeAsync();
        var sent = await AddCommandAsync(c => c.Status = CommandStatus.Sent);
        var leased = await AddCommandAsync(c => (c.LeaseOwner, c.LeaseUntil) = ("other", Start.AddMinutes(10)));

        await using (var db = NewContext())
        {
            Assert.False(await Transitions(db).CancelAsync(sent.Id, owner: null, Later(), default));
            Assert.False(await Transitions(db).CancelAsync(leased.Id, owner: "mine", Later(), default));
        }

        AssertUnchanged(sent, await ReloadAsync(sent.Id));
        AssertUnchanged(leased, await ReloadAsync(leased.Id));
        Assert.Equal(0, await EventsAsync());
    }

    [Fact]
    public async Task EndOverdueAsync_expires_unleased_queued_commands_past_expiry_and_times_out_unanswered_ones()
    {
        await SubscribeAsync();
        var expiring = await AddCommandAsync(c => c.ExpiresAt = Start.AddMinutes(1));
        var leased = await AddCommandAsync(c => (c.ExpiresAt, c.LeaseOwner, c.LeaseUntil) = (Start.AddMinutes(1), "other", Start.AddMinutes(10)));
        var unanswered = await AddCommandAsync(c => (c.Status, c.TimeoutAt) = (CommandStatus.Delivered, Start.AddMinutes(1)));
        var answered = await AddCommandAsync(c => (c.Status, c.TimeoutAt, c.CompletedAt) = (CommandStatus.Succeeded, Start.AddMinutes(1), Start));
        var now = Later();

        await using (var db = NewContext())
        {
            await Transitions(db).EndOverdueAsync(now, default);
        }

        var expired = await ReloadAsync(expiring.Id);
        Assert.Equal(CommandStatus.Expired, expired.Status);
        AssertStamped(expiring, expired, now);
        var timedOut = await ReloadAsync(unanswered.Id);
        Assert.Equal(CommandStatus.TimedOut, timedOut.Status);
        AssertStamped(unanswered, timedOut, now);
        AssertUnchanged(leased, await ReloadAsync(leased.Id));
        AssertUnchanged(answered, await ReloadAsync(answered.Id));
        Assert.Equal(2, await EventsAsync());
    }

    [Fact]
    public async Task SentAsync_moves_only_queued_commands_of_the_claim_and_counts_a_try_of_one_the_device_already_answered()
    {
        await SubscribeAsync();
        var mine = await AddCommandAsync(c => (c.LeaseOwner, c.LeaseUntil) = (Claims[0], Start.AddMinutes(10)));
        var answered = await AddCommandAsync(c => (c.Status, c.CompletedAt, c.LeaseOwner, c.LeaseUntil) = (CommandStatus.Succeeded, Start, Claims[0], Start.AddMinutes(10)));
        var others = await AddCommandAsync(c => (c.LeaseOwner, c.LeaseUntil) = ("other", Start.AddMinutes(10)));
        var now = Later();

        await using (var db = NewContext())
        {
            await Transitions(db).SentAsync([mine.Id, answered.Id, others.Id], Claims, now.AddMinutes(1), now, default);
        }

        var sent = await ReloadAsync(mine.Id);
        Assert.Equal((CommandStatus.Sent, now, now.AddMinutes(1), 1, null), (sent.Status, sent.SentAt, sent.TimeoutAt, sent.Attempts, sent.LeaseOwner));
        AssertStamped(mine, sent, now);
        var late = await ReloadAsync(answered.Id);
        Assert.Equal((CommandStatus.Succeeded, 1, null), (late.Status, late.Attempts, late.LeaseOwner));
        AssertUnchanged(others, await ReloadAsync(others.Id));
        Assert.Equal(1, await EventsAsync());
    }

    [Fact]
    public async Task FailAsync_fails_a_claimed_command_with_bounded_words_and_RetryLaterAsync_keeps_it_queued_stamped()
    {
        await SubscribeAsync();
        var failing = await AddCommandAsync(c => (c.LeaseOwner, c.LeaseUntil) = (Claims[0], Start.AddMinutes(10)));
        var retried = await AddCommandAsync(c => (c.LeaseOwner, c.LeaseUntil) = (Claims[0], Start.AddMinutes(10)));
        var now = Later();

        await using (var db = NewContext())
        {
            await Transitions(db).FailAsync(failing.Id, Claims, 1, new string('x', Command.ErrorMaxLength + 10), "detail", now, default);
            await Transitions(db).RetryLaterAsync(retried.Id, Claims, 1, "busy", now.AddSeconds(2), now, default);
        }

        var failed = await ReloadAsync(failing.Id);
        Assert.Equal((CommandStatus.Failed, Command.ErrorMaxLength, "detail", now), (failed.Status, failed.Error!.Length, failed.ErrorDetail, failed.CompletedAt));
        AssertStamped(failing, failed, now);
        var queued = await ReloadAsync(retried.Id);
        Assert.Equal((CommandStatus.Queued, "busy", null, now.AddSeconds(2), 1), (queued.Status, queued.Error, queued.LeaseOwner, queued.LeaseUntil, queued.Attempts));
        AssertStamped(retried, queued, now);
        Assert.Equal(1, await EventsAsync());
    }

    [Fact]
    public async Task ReportedAsync_moves_forward_in_waves_and_never_back()
    {
        await SubscribeAsync();
        var command = await AddCommandAsync(c => c.Status = CommandStatus.Sent);
        var done = await AddCommandAsync(c => (c.Status, c.CompletedAt) = (CommandStatus.Succeeded, Start));
        var now = Later();
        IReadOnlyList<IReadOnlyList<CommandMove>> waves =
        [
            [Move(command.Id, CommandStatus.Delivered, now), Move(done.Id, CommandStatus.Delivered, now)],
            [Move(command.Id, CommandStatus.Succeeded, now)],
        ];

        int moved;
        await using (var db = NewContext())
        {
            moved = await Transitions(db).ReportedAsync(_instanceId, waves, now, default);
        }

        Assert.Equal(2, moved);
        var succeeded = await ReloadAsync(command.Id);
        Assert.Equal((CommandStatus.Succeeded, now, now), (succeeded.Status, succeeded.DeliveredAt, succeeded.CompletedAt));
        Assert.Equal(command.Version + 2, succeeded.Version);
        Assert.Equal(now, succeeded.UpdatedAt);
        AssertUnchanged(done, await ReloadAsync(done.Id));
        Assert.Equal(2, await EventsAsync());
    }

    [Fact]
    public async Task A_move_nobody_subscribed_to_writes_no_event()
    {
        var command = await AddCommandAsync();
        await using (var db = NewContext())
        {
            Assert.True(await Transitions(db).CancelAsync(command.Id, owner: null, Later(), default));
        }

        Assert.Equal(0, await EventsAsync());
    }

    private static CommandMove Move(Guid id, CommandStatus to, DateTimeOffset at) => new(id, to, CommandTransitions.ReportedFrom(to), at, null, null);

    private static void AssertStamped(Command before, Command after, DateTimeOffset now)
    {
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(now, after.UpdatedAt);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
    }

    private static void AssertUnchanged(Command before, Command after) =>
        Assert.Equal((before.Status, before.Version, before.UpdatedAt, before.Attempts), (after.Status, after.Version, after.UpdatedAt, after.Attempts));

    private DateTimeOffset Later()
    {
        _time.Advance(TimeSpan.FromMinutes(5));
        return _time.GetUtcNow();
    }

    private CommandTransitions Transitions(SqliteFieldlinkDbContext db) => new(db, new WebhookOutbox(db, _subscriptions, _webhooks, _time));

    private SqliteFieldlinkDbContext NewContext() => new(
        new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite(SqliteStorage.ToConnectionString(Path.Combine(_directory.Path, "fieldlink.db"))).Options, _time);

    private async Task SubscribeAsync()
    {
        await using var db = NewContext();
        db.Add(new WebhookSubscription { Url = "https://example.com/hooks", Secret = "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=", EventTypes = WebhookEventTypes.CommandStatusChanged });
        await db.SaveChangesAsync();
        _subscriptions.Invalidate();
    }

    private async Task<Command> AddCommandAsync(Action<Command>? shape = null)
    {
        var command = new Command { DeviceRecordId = _deviceId, Name = "reboot" };
        shape?.Invoke(command);
        await using var db = NewContext();
        db.Add(command);
        await db.SaveChangesAsync();
        return command;
    }

    private async Task<Command> ReloadAsync(Guid id)
    {
        await using var db = NewContext();
        return await db.Commands.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<int> EventsAsync()
    {
        await using var db = NewContext();
        return await db.WebhookDeliveries.CountAsync(d => d.EventType == WebhookEventTypes.CommandStatusChanged);
    }
}
