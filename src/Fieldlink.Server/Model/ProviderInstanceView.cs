using Fieldlink.Server.Api.Providers;

namespace Fieldlink.Server.Model;

/// <summary>
/// A provider instance on its provider's page: as the API reads it (settings without secrets, its live connection per
/// process), the version it was read at (an edit saves only over that one), and which of its secrets are set — their
/// names only, never their values.
/// </summary>
public sealed record ProviderInstanceView(ProviderInstanceRead Instance, long Version, IReadOnlySet<string> SecretsSet);
