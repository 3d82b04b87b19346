using Fieldlink.Core.Data;

namespace Fieldlink.Core.DeadLetters;

/// <summary>
/// A message a connector received and could not use (bad JSON, wrong types, an unknown device), kept so that nothing
/// is lost silently and an integrator can see what their devices send wrong.
/// </summary>
public sealed class DeadLetter : Entity
{
    public const int PayloadMaxLength = 65_536;

    public Guid ProviderInstanceId { get; set; }

    /// <summary>Where it came from in the vendor's system (an MQTT topic), or which ingestion refused it.</summary>
    public string Source { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Payload { get; set; } = "";

    /// <summary>The provider's id of the device, when it could be told.</summary>
    public string? DeviceId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
