using Fieldlink.Core.DeadLetters;

namespace Fieldlink.Server.Api.DeadLetters;

/// <summary>A dead letter as the API shows it.</summary>
public sealed record DeadLetterRead(Guid Id, Guid ProviderInstanceId, string Source, string? DeviceId, string Reason, string Payload, DateTimeOffset ReceivedAt)
{
    public static DeadLetterRead From(DeadLetter d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.ProviderInstanceId, d.Source, d.DeviceId, d.Reason, d.Payload, d.ReceivedAt);
    }
}
