using Fieldlink.Testing;

// Every test fails when the simulator logged an error the test did not expect (Simulator.Log.ExpectErrors).
[assembly: FailOnLoggedErrors]
