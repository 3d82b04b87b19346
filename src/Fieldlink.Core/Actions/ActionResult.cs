namespace Fieldlink.Core.Actions;

/// <summary>The value of an action, or why there is none.</summary>
public sealed record ActionResult<T>(T? Value, ActionError? Error);
