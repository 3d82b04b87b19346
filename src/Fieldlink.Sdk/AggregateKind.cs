namespace Fieldlink.Sdk;

/// <summary>How readings are folded into one value.</summary>
public enum AggregateKind
{
    /// <summary>The latest value.</summary>
    None,

    /// <summary>The mean.</summary>
    Avg,

    /// <summary>The smallest.</summary>
    Min,

    /// <summary>The largest.</summary>
    Max,

    /// <summary>The sum.</summary>
    Sum,

    /// <summary>How many.</summary>
    Count,
}
