namespace Fieldlink.Server.Model;

/// <summary>The provider form: a new provider (no <see cref="Id"/>) or one being edited, read at <see cref="Version"/>.</summary>
public sealed class ProviderDraft
{
    public Guid? Id { get; init; }

    public long Version { get; init; }

    public string? Name { get; set; }

    /// <summary>The key of the connector, one of those the server has.</summary>
    public string? Connector { get; set; }

    public string? Description { get; set; }

    /// <summary>The errors of the last save, by field (<c>name</c>, <c>connector</c>, <c>description</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(' ', messages) : null;

    public static ProviderDraft Of(ProviderRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new() { Id = row.Id, Version = row.Version, Name = row.Name, Connector = row.Connector, Description = row.Description };
    }
}
