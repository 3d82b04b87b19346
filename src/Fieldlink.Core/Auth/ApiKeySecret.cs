using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Core.Auth;

/// <summary>
/// Makes and hashes API key secrets. A secret is <c>flk_</c> and 32 random bytes in base64url; with that much
/// entropy a single SHA-256 is the right hash (a slow password hash would only slow every request).
/// </summary>
public static class ApiKeySecret
{
    public const string Scheme = "flk_";
    private const int PrefixLength = 12;

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Scheme + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static string PrefixOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length <= PrefixLength ? secret : secret[..PrefixLength];
    }
}
