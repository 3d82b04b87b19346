namespace Fieldlink.Core.Cases;

/// <summary>The record a change of the case and work order lifecycle made or changed, or why it was refused.</summary>
public sealed record WorkflowResult<T>(T? Value, WorkflowRefusal? Refusal)
    where T : class
{
    public WorkflowResult(T value)
        : this(value, null)
    {
    }

    public WorkflowResult(WorkflowRefusal refusal)
        : this(null, refusal)
    {
    }
}
