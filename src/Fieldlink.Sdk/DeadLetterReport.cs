namespace Fieldlink.Sdk;

/// <summary>
/// A message the connector received and could not turn into anything Fieldlink stores (bad JSON, wrong types, a
/// topic it does not know), kept in the dead-letter list so it is not lost silently.
/// </summary>
/// <param name="Source">Where it came from in the system, e.g. the MQTT topic.</param>
/// <param name="Reason">Why it could not be used, in words an integrator can act on.</param>
/// <param name="Payload">The message as received (text; bytes that are not UTF-8 as Base64), at most 65,536 characters kept.</param>
/// <param name="DeviceId">The device's id in the provider's system, if it could be told.</param>
/// <param name="ReceivedAt">When it arrived; null for now.</param>
public sealed record DeadLetterReport(string Source, string Reason, string Payload, string? DeviceId = null, DateTimeOffset? ReceivedAt = null);
