using Fieldlink.Testing;

// Every test fails when the connector logged an error the test did not expect (TestLog.ExpectErrors).
[assembly: FailOnLoggedErrors]
