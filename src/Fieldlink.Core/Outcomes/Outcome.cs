using System.Diagnostics.CodeAnalysis;

namespace Fieldlink.Core.Outcomes;

/// <summary>
/// What a Core operation that can be refused answers: its value, or the <see cref="Outcomes.Refusal"/> saying why
/// there is none. The server turns a refusal into problem details in one place (<c>Api/Problems/RefusalProblems</c>).
/// </summary>
/// <typeparam name="T">The value of a carried-out operation.</typeparam>
public sealed class Outcome<T>
{
    /// <summary>The operation was carried out and gave <paramref name="value"/>.</summary>
    public Outcome(T value) => Value = value;

    /// <summary>The operation was refused, for <paramref name="refusal"/>.</summary>
    public Outcome(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Refusal = refusal;
    }

    /// <summary>The value; default when refused.</summary>
    public T? Value { get; }

    /// <summary>Why the operation was not carried out; null when it was.</summary>
    public Refusal? Refusal { get; }

    /// <summary>Whether the operation was carried out (there is no refusal).</summary>
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Refusal is null;
}
