using Fieldlink.Testing;

// Every test fails when the connector logged an error the test did not expect (FileLogger.Errors.ExpectErrors).
[assembly: FailOnLoggedErrors]
