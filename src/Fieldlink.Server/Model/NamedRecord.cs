namespace Fieldlink.Server.Model;

/// <summary>A record a picker offers: its id and the name a person knows it by.</summary>
public sealed record NamedRecord(Guid Id, string Name)
{
    public override string ToString() => Name;
}
