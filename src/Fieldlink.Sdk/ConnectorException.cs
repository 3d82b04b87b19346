namespace Fieldlink.Sdk;

/// <summary>
/// An action failed in the provider's system. The action's record says Error with this message, and the API
/// answers 502. Say whether trying again later may work.
/// </summary>
public class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, in words a dispatcher can act on.</param>
    public ConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, in words a dispatcher can act on.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, in words a dispatcher can act on.</param>
    /// <param name="isTransient">Whether the same action may succeed if tried again later.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ConnectorException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether the same action may succeed if tried again later. Default: false.</summary>
    public bool IsTransient { get; }
}
