namespace Fieldlink.Server.Model;

/// <summary>
/// The field errors of a save, by the names the API gives them (<c>measures[0].unit</c>,
/// <c>commands[1].parameters[0].default</c>, <c>alertGroupingWindow</c>), so a form shows each under the input it
/// belongs to and lists the rest — those no input shows, such as an Object parameter's children — above the form.
/// </summary>
public sealed class FieldMessages
{
    private readonly IReadOnlyDictionary<string, string[]> _errors;

    public FieldMessages(IReadOnlyDictionary<string, string[]>? errors) =>
        _errors = errors ?? new Dictionary<string, string[]>(StringComparer.Ordinal);

    public static FieldMessages None { get; } = new(null);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Every field's messages, by field name, for a form that keeps them itself.</summary>
    public IReadOnlyDictionary<string, string[]> All => _errors;

    /// <summary>The names of the fields at fault.</summary>
    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>What is wrong with <paramref name="field"/>, in one line; null when nothing is.</summary>
    public string? Of(string field) => _errors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;

    /// <summary>The messages of the fields <paramref name="shown"/> says no input of the form shows, each prefixed with its field.</summary>
    public IReadOnlyList<string> Unshown(Func<string, bool> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        return [.. _errors.Where(e => !shown(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")];
    }
}
