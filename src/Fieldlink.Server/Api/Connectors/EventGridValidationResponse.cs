namespace Fieldlink.Server.Api.Connectors;

/// <summary>The answer to Event Grid's subscription validation event: the code it sent, back.</summary>
/// <param name="ValidationResponse">The event's <c>validationCode</c>.</param>
public sealed record EventGridValidationResponse(string ValidationResponse);
