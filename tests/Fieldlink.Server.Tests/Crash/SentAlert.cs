namespace Fieldlink.Server.Tests.Crash;

/// <summary>An alert a crash test sent: its description is unique, so it names the alert in the store.</summary>
public sealed record SentAlert(string DeviceId, string Description, string? Token);
