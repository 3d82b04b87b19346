namespace Fieldlink.Server.Api.Actions;

/// <summary>The answer of a batch action: one result per device, in the order asked.</summary>
public sealed record BatchAnswer<TRecord>(IReadOnlyList<BatchResult<TRecord>> Results);
