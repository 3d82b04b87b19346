using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Auth;

/// <summary>The authorization policies, named by what they allow (API.md, "Conventions").</summary>
public static class AuthPolicies
{
    /// <summary>Read everything: Administrator, Dispatcher, Technician.</summary>
    public const string Read = "read";

    /// <summary>Act on devices, alerts, commands, cases, work orders: Administrator, Dispatcher.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Configure Fieldlink: the registry, settings, keys. Administrator only.</summary>
    public const string Administer = "administer";

    /// <summary>Push alerts, telemetry and state: Administrator, Endpoint.</summary>
    public const string Ingest = "ingest";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Read, p => p.RequireRole(nameof(ApiKeyRole.Administrator), nameof(ApiKeyRole.Dispatcher), nameof(ApiKeyRole.Technician)));
        options.AddPolicy(Dispatch, p => p.RequireRole(nameof(ApiKeyRole.Administrator), nameof(ApiKeyRole.Dispatcher)));
        options.AddPolicy(Administer, p => p.RequireRole(nameof(ApiKeyRole.Administrator)));
        options.AddPolicy(Ingest, p => p.RequireRole(nameof(ApiKeyRole.Administrator), nameof(ApiKeyRole.Endpoint)));
    }
}
