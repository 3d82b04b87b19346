namespace Fieldlink.Core.Data;

/// <summary>The last number given to one kind of record (cases, work orders); see <see cref="RecordNumbers"/>.</summary>
internal sealed class RecordCounter
{
    /// <summary>The prefix of the numbers it gives, e.g. <c>CAS</c>.</summary>
    public required string Name { get; set; }

    public long Last { get; set; }
}
