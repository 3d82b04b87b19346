namespace Fieldlink.Server.Model;

/// <summary>The readings chart's data, or why it could not be had (the provider's system failed, say), in words.</summary>
public sealed record ChartLoad(ChartData? Data, string? Error);
