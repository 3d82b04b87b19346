namespace Fieldlink.Core.Auth;

/// <summary>What an API key may do (API.md, "Conventions").</summary>
public enum ApiKeyRole
{
    /// <summary>Everything.</summary>
    Administrator,

    /// <summary>Read everything; act on devices, alerts, commands, cases and work orders.</summary>
    Dispatcher,

    /// <summary>Read only.</summary>
    Technician,

    /// <summary>Ingestion for the one provider instance the key is bound to.</summary>
    Endpoint,
}
