using Fieldlink.Server.Api.Providers;

namespace Fieldlink.Server.Tests.Api.Providers;

/// <summary>What the API and the web app show of an instance's stored settings: never a secret, however its name was cased.</summary>
public sealed class InstanceSettingsTests
{
    [Fact]
    public void Redact_removes_a_secret_stored_under_any_casing_of_its_name_and_keeps_the_rest()
    {
        // The schema binds names regardless of case, so {"Password": ...} is accepted and stored as sent.
        var shown = InstanceSettings.Redact("""{"host":"h","Password":"p1","CLIENTKEY":"k","port":1}""", new HashSet<string>(StringComparer.Ordinal) { "password", "clientKey" });

        Assert.Equal("""{"host":"h","port":1}""", shown.ToJsonString());
    }
}
