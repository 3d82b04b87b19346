namespace Fieldlink.Core.Connectors;

/// <summary>A provider instance's connector cannot be opened: it is not installed, or the stored settings no longer fit it.</summary>
public sealed class ConnectorUnavailableException : Exception
{
    public ConnectorUnavailableException()
    {
    }

    public ConnectorUnavailableException(string message)
        : base(message)
    {
    }

    public ConnectorUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
