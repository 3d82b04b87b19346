using Microsoft.AspNetCore.Http;

namespace Fieldlink.Server.Cli;

/// <summary>
/// Checks the <c>urls</c> setting (<c>--urls</c>) before the server starts, where Kestrel would otherwise fail with an
/// exception that does not say which setting is wrong.
/// </summary>
public static class ListenAddresses
{
    /// <summary>What is wrong with the first bad address in <paramref name="urls"/>; null when all are good.</summary>
    public static string? FindInvalid(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return $"--urls (urls): '{url}' is not an address such as http://localhost:5000";
            }

            if (address.IsUnixPipe || address.IsNamedPipe)
            {
                continue;
            }

            if (address.Scheme is not ("http" or "https"))
            {
                return $"--urls (urls): '{url}' is neither http:// nor https://";
            }

            // Kestrel binds a host it cannot read (a mistyped port, "127.0.0.1:port") to every address on port 80.
            if (address.Host is not ("*" or "+") && Uri.CheckHostName(address.Host) == UriHostNameType.Unknown)
            {
                return $"--urls (urls): '{url}' is not an address such as http://localhost:5000";
            }

            if (address.Port is < 0 or > 65535)
            {
                return $"--urls (urls): '{url}' has port {address.Port}; a port is 0 to 65535";
            }
        }

        return null;
    }
}
