namespace Fieldlink.Sdk;

/// <summary>One event on a device's timeline, as the reference's events contract has it.</summary>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Color">The pin's colour, e.g. <c>#FF6300</c>.</param>
/// <param name="Description">What happened, e.g. "Work Order Created".</param>
/// <param name="Id">The event's id in its source, e.g. a work order number.</param>
/// <param name="Entity">The kind of record, e.g. <c>workorder</c>.</param>
/// <param name="Url">A link to the record, if any.</param>
/// <param name="RecordId">Fieldlink's id of the record, if it is one of Fieldlink's.</param>
public sealed record DeviceEvent(DateTimeOffset Timestamp, string Color, string Description, string Id, string Entity, Uri? Url = null, Guid? RecordId = null);
