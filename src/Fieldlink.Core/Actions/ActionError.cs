namespace Fieldlink.Core.Actions;

/// <summary>Why an action was not carried out, in words a dispatcher can act on.</summary>
public sealed record ActionError(ActionErrorKind Kind, string Message);
