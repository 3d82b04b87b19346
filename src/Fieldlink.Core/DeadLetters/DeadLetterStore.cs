using Fieldlink.Core.Data;
using Fieldlink.Core.Validation;
using Fieldlink.Sdk;

namespace Fieldlink.Core.DeadLetters;

/// <summary>
/// Keeps what connectors could not use in the dead-letter list, in one write: cut to the columns' sizes, with NUL
/// characters and unpaired surrogates escaped (<see cref="StorableValues.Escape"/>), so a dead letter is storable
/// whatever the message held; it is the last place a message can go.
/// </summary>
public sealed class DeadLetterStore(FieldlinkDbContext db, TimeProvider time)
{
    public const int SourceMaxLength = 500;
    public const int ReasonMaxLength = 2000;

    public async Task StoreAsync(Guid providerInstanceId, IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var report in reports)
        {
            db.DeadLetters.Add(new DeadLetter
            {
                ProviderInstanceId = providerInstanceId,
                Source = Cut(report.Source, SourceMaxLength),
                Reason = Cut(report.Reason, ReasonMaxLength),
                Payload = Cut(report.Payload, DeadLetter.PayloadMaxLength),
                DeviceId = report.DeviceId is null ? null : Cut(report.DeviceId, SourceMaxLength),
                ReceivedAt = report.ReceivedAt is { } at && StorableValues.TimeProblem(at) is null ? at.ToUniversalTime() : now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static string Cut(string text, int length) => StorableValues.Escape(text, length);
}
