namespace Fieldlink.Server.Api.OData;

/// <summary>One collection in the service document: its name, kind (<c>EntitySet</c>) and URL relative to the service root.</summary>
public sealed record ODataServiceEntry(string Name, string Kind, string Url);
