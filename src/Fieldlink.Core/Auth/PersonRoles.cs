namespace Fieldlink.Core.Auth;

/// <summary>
/// The roles a person signs in with, Identity roles named like the <see cref="ApiKeyRole"/> they mean the same as
/// (API.md, "Conventions"), so one set of authorization policies serves keys and people. Endpoint is for programs only.
/// </summary>
public static class PersonRoles
{
    public const string Administrator = nameof(ApiKeyRole.Administrator);

    public const string Dispatcher = nameof(ApiKeyRole.Dispatcher);

    public const string Technician = nameof(ApiKeyRole.Technician);

    /// <summary>Every role, most powerful first.</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, Dispatcher, Technician];

    /// <summary>The role's canonical name for <paramref name="name"/> in any letter case, or null when it is none.</summary>
    public static string? Find(string name) => All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}
