namespace Fieldlink.Testing;

/// <summary>Fails a test that logged errors it did not expect; the message lists them.</summary>
public sealed class LoggedErrorsException(string message) : Exception(message);
