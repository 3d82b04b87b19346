namespace Fieldlink.Sdk;

/// <summary>The aggregated-readings action. Without it, Fieldlink answers from its own readings store.</summary>
public interface IAggregateReadings
{
    /// <summary>Computes one value per request, e.g. the 7-day average humidity.</summary>
    /// <param name="device">The device.</param>
    /// <param name="requests">What to compute.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>One value per request, in the order of <paramref name="requests"/>.</returns>
    Task<IReadOnlyList<AggregateValue>> AggregateReadingsAsync(DeviceRef device, IReadOnlyList<AggregateRequest> requests, CancellationToken cancellationToken);
}
