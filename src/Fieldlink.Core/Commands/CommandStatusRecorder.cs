using Fieldlink.Core.Validation;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Records how a command went on, as its connector reports it: turns the reports into moves that
/// <see cref="CommandTransitions"/> applies (forward only, each with its <c>command.status_changed</c> event in the
/// same transaction).
/// </summary>
public sealed class CommandStatusRecorder(CommandTransitions transitions, TimeProvider time)
{
    /// <summary>Applies the report; false when the command is unknown to this provider instance or already past that status.</summary>
    public async Task<bool> RecordAsync(Guid providerInstanceId, CommandStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await RecordAsync(providerInstanceId, [report], cancellationToken) == 1;
    }

    /// <summary>
    /// Applies the reports in order; how many moved a command. Several reports on one command (Delivered, then
    /// Succeeded) go in successive waves, applied in turn (see <see cref="CommandTransitions.ReportedAsync(Guid, IReadOnlyList{IReadOnlyList{CommandMove}}, DateTimeOffset, CancellationToken)"/>).
    /// </summary>
    public Task<int> RecordAsync(Guid providerInstanceId, IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken) =>
        RecordAsync(providerInstanceId, reports, null, cancellationToken);

    /// <summary>
    /// As <see cref="RecordAsync(Guid, IReadOnlyList{CommandStatusReport}, CancellationToken)"/>, and returns the ids of
    /// the commands the reports moved: a connector's sink checks only the others (unknown to the instance, or already past).
    /// </summary>
    public async Task<IReadOnlySet<Guid>> RecordMovedAsync(Guid providerInstanceId, IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken)
    {
        var moved = new HashSet<Guid>();
        await RecordAsync(providerInstanceId, reports, moved, cancellationToken);
        return moved;
    }

    private async Task<int> RecordAsync(Guid providerInstanceId, IReadOnlyList<CommandStatusReport> reports, ISet<Guid>? moved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var now = time.GetUtcNow();

        // Wave n holds each command's (n+1)th report, so a wave moves a command at most once.
        var waves = new List<List<CommandMove>>();
        var seen = new Dictionary<Guid, int>();
        foreach (var report in reports)
        {
            var earlier = CommandTransitions.ReportedFrom(report.Status);
            if (earlier.Count == 0)
            {
                continue;
            }

            var wave = seen.GetValueOrDefault(report.CommandId);
            seen[report.CommandId] = wave + 1;
            if (wave == waves.Count)
            {
                waves.Add([]);
            }

            var error = report.Error is null ? null : StorableValues.Escape(report.Error, Command.ErrorMaxLength);
            waves[wave].Add(new CommandMove(report.CommandId, report.Status, earlier, report.At?.ToUniversalTime() ?? now, report.Response?.ToJsonString(), error));
        }

        return await transitions.ReportedAsync(providerInstanceId, waves, now, moved, cancellationToken);
    }
}
