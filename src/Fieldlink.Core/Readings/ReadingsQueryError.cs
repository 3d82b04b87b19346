namespace Fieldlink.Core.Readings;

/// <summary>Why a readings query cannot be answered, naming the query field at fault (for a 400).</summary>
/// <param name="Field">The field: <c>from</c>, <c>to</c> or <c>interval</c>.</param>
/// <param name="Message">What is wrong, in words a client can act on.</param>
public sealed record ReadingsQueryError(string Field, string Message);
