namespace Fieldlink.Core.Actions;

/// <summary>How an action routed to a provider's system ended.</summary>
public enum ActionOutcome
{
    /// <summary>The system answered.</summary>
    Succeeded,

    /// <summary>The system failed (the API answers 502).</summary>
    Failed,

    /// <summary>The system did not answer within the action timeout (the API answers 504).</summary>
    TimedOut,
}
