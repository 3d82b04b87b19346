namespace Fieldlink.Core.Cases;

/// <summary>How urgent a case is; Normal unless the dispatcher says otherwise.</summary>
public enum CasePriority
{
    Low,
    Normal,
    High,
}
