namespace Fieldlink.Server.Model;

/// <summary>A record's id and name, for a filter's choices or a link.</summary>
public sealed record NamedRecord(Guid Id, string Name);
