using Fieldlink.Testing;

// Every test fails when the server it used logged an error the test did not expect (FieldlinkServer.Log.ExpectErrors).
[assembly: FailOnLoggedErrors]
