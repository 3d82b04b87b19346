namespace Fieldlink.Core.Cases;

/// <summary>Why a change of a case or work order was not made, in words for the caller.</summary>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Message">What stands in the way, naming the records and statuses involved.</param>
/// <param name="Noun">The kind of record that was missing or in the way, e.g. "case".</param>
/// <param name="RecordId">The record that was missing or in the way (the existing case, an open work order).</param>
public sealed record WorkflowRefusal(WorkflowRefusalKind Kind, string Message, string Noun, Guid? RecordId = null);
