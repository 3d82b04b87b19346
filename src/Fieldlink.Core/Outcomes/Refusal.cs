namespace Fieldlink.Core.Outcomes;

/// <summary>Why an operation was not carried out, in words for the caller; each kind has its HTTP status in the API.</summary>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Message">What stands in the way, naming the records, statuses or values involved.</param>
/// <param name="Field">The input field at fault, for <see cref="RefusalKind.Invalid"/> (e.g. <c>interval</c>).</param>
/// <param name="Noun">The kind of record that was missing or in the way, e.g. "case" or "device".</param>
/// <param name="RecordId">The record that was missing or in the way (the existing case, an open work order).</param>
public sealed record Refusal(RefusalKind Kind, string Message, string? Field = null, string? Noun = null, Guid? RecordId = null);
