namespace Fieldlink.Core.Actions;

/// <summary>Makes <see cref="ActionResult{T}"/>s.</summary>
public static class ActionResults
{
    public static ActionResult<T> Ok<T>(T value) => new(value, null);

    public static ActionResult<T> Fail<T>(ActionErrorKind kind, string message) => new(default, new ActionError(kind, message));
}
