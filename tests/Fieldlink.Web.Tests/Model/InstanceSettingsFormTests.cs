using System.Text.Json.Nodes;
using Fieldlink.Connectors.Http;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Core.Connectors;
using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

/// <summary>
/// The provider instance's settings form, generated from real connectors' schemas: the input each setting gets, its
/// default and description, what a save sends (secrets kept unless replaced, defaults left out), and a save's errors
/// on their fields.
/// </summary>
public sealed class InstanceSettingsFormTests
{
    private static readonly ConnectorDescriptor Mqtt = Descriptor("mqtt", typeof(MqttSettings));
    private static readonly ConnectorDescriptor Http = Descriptor("http", typeof(HttpSettings));

    [Fact]
    public void Each_setting_gets_the_input_its_schema_type_calls_for_with_its_default_and_description()
    {
        var mqtt = InstanceSettingsForm.For(Mqtt, null, new HashSet<string>());
        var http = InstanceSettingsForm.For(Http, null, new HashSet<string>());

        Assert.Equal(Mqtt.Settings.Select(s => s.Name), mqtt.Fields.Select(f => f.Name));
        Assert.Equal(SettingInput.Text, Field(mqtt, "host").Input);
        Assert.Equal(SettingInput.WholeNumber, Field(mqtt, "port").Input);
        Assert.Equal(SettingInput.Switch, Field(mqtt, "useTls").Input);
        Assert.Equal(SettingInput.Secret, Field(mqtt, "password").Input);
        Assert.Equal(SettingInput.Choice, Field(http, "signatureScheme").Input);
        Assert.Equal(["StandardWebhooks", "HmacSha256"], Field(http, "signatureScheme").Setting.Choices);
        Assert.Equal(SettingInput.Url, Field(http, "commandUrl").Input);

        // PEM text runs over several lines: the schema says so, and the form gives it a text area that keeps them.
        Assert.Equal(
            [("caCertificate", true), ("clientCertificate", true), ("clientKey", true), ("host", false), ("password", false)],
            new[] { "caCertificate", "clientCertificate", "clientKey", "host", "password" }.Select(n => (n, Field(mqtt, n).Setting.Multiline)));
        Assert.Equal(SettingInput.Number, Field(InstanceSettingsForm.For(Descriptor("simulator", typeof(Fieldlink.Connectors.Simulator.SimulatorSettings)), null, new HashSet<string>()), "commandFailureRate").Input);

        // A new instance's inputs start at the defaults, and the help says them after the description.
        Assert.Equal(("localhost", 1883m, true), (Field(mqtt, "host").Text, Field(mqtt, "port").Number, Field(mqtt, "persistentSession").On));
        Assert.Equal("StandardWebhooks", Field(http, "signatureScheme").Text);
        Assert.Equal("The broker's TCP port. Default: 1883.", Field(mqtt, "port").Help);
        Assert.Equal("Whether to connect to the broker over TLS. Default: off.", Field(mqtt, "useTls").Help);
        Assert.Equal("Port", Field(mqtt, "port").Label);
        Assert.Equal("Use TLS", Field(mqtt, "useTls").Label);
        Assert.Equal("Host *", Field(mqtt, "host").Label);
        Assert.All(mqtt.Fields.Concat(http.Fields), f => Assert.False(string.IsNullOrWhiteSpace(f.Help)));
    }

    [Fact]
    public void An_edit_shows_the_stored_values_and_only_whether_each_secret_is_set()
    {
        var shown = new JsonObject { ["host"] = "broker.example", ["port"] = 8883, ["useTls"] = true, ["username"] = "fieldlink" };

        var form = InstanceSettingsForm.For(Mqtt, shown, new HashSet<string> { "password" });

        Assert.Equal(("broker.example", 8883m, true), (Field(form, "host").Text, Field(form, "port").Number, Field(form, "useTls").On));
        Assert.True(Field(form, "password").SecretSet);
        Assert.False(Field(form, "clientKey").SecretSet);
        Assert.Null(Field(form, "password").Text);
        Assert.False(Field(form, "password").Replacing);
    }

    [Fact]
    public void A_save_keeps_every_stored_secret_nobody_replaced_and_leaves_defaults_out()
    {
        var stored = new JsonObject { ["host"] = "broker.example", ["password"] = "s3cret", ["clientKey"] = "KEY", ["clientCertificate"] = "CERT" };
        var form = InstanceSettingsForm.For(Mqtt, new JsonObject { ["host"] = "broker.example", ["clientCertificate"] = "CERT" }, new HashSet<string> { "password", "clientKey" });
        Field(form, "port").Number = 1884;
        Field(form, "qos").Number = 1; // the default

        var settings = form.ToSettings(stored);

        Assert.Equal("""{"host":"broker.example","password":"s3cret","clientKey":"KEY","clientCertificate":"CERT","port":1884}""", settings.ToJsonString());
        Assert.Equal("s3cret", (string)stored["password"]!); // the stored settings are not changed in place
    }

    [Fact]
    public void A_replaced_secret_is_overwritten_an_emptied_one_removed_and_a_kept_one_unchanged()
    {
        var stored = new JsonObject { ["password"] = "old", ["clientKey"] = "KEY", ["username"] = "u" };
        var form = InstanceSettingsForm.For(Mqtt, new JsonObject { ["username"] = "u" }, new HashSet<string> { "password", "clientKey" });
        Field(form, "password").Replace();
        Field(form, "password").Text = "new one";
        Field(form, "clientKey").Replace();
        var username = Field(form, "username");

        var replaced = form.ToSettings(stored);
        Field(form, "password").Keep();
        var kept = form.ToSettings(stored);

        Assert.Equal(("new one", false, "u"), ((string)replaced["password"]!, replaced.ContainsKey("clientKey"), (string)replaced["username"]!));
        Assert.Equal("old", (string)kept["password"]!);
        Assert.Equal("u", username.Text);
    }

    [Fact]
    public void A_new_instance_sends_only_what_differs_from_the_defaults_and_the_secrets_typed()
    {
        var form = InstanceSettingsForm.For(Http, null, new HashSet<string>());
        Field(form, "signingSecret").Replace();
        Field(form, "signingSecret").Text = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Field(form, "signatureScheme").Text = "HmacSha256";
        Field(form, "commandUrl").Text = "  https://vendor.example/commands ";

        var settings = form.ToSettings(null);

        Assert.Equal(
            """{"signingSecret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","signatureScheme":"HmacSha256","commandUrl":"https://vendor.example/commands"}""",
            settings.ToJsonString());
    }

    [Fact]
    public void A_number_with_a_fraction_for_a_whole_number_setting_is_sent_as_typed_for_the_schema_to_refuse()
    {
        var form = InstanceSettingsForm.For(Mqtt, null, new HashSet<string>());
        Field(form, "port").Number = 18.5m;

        var errors = new Dictionary<string, string[]>();
        ConnectorSettingsSchema.Bind(typeof(MqttSettings), form.ToSettings(null), errors);

        Assert.Equal(18.5m, (decimal)form.ToSettings(null)["port"]!);
        Assert.Contains("settings.port", errors.Keys);
    }

    [Fact]
    public void A_save_s_errors_land_on_their_fields_the_instance_s_own_are_handed_back_and_the_next_save_clears_them()
    {
        var form = InstanceSettingsForm.For(Mqtt, null, new HashSet<string>());
        Field(form, "port").Number = 0;
        var errors = new Dictionary<string, string[]>();
        ConnectorSettingsSchema.Bind(typeof(MqttSettings), form.ToSettings(null), errors);
        errors["name"] = ["The name field is required."];
        errors["settings.retired"] = ["The setting is unknown."];

        var rest = form.ShowErrors(errors);

        Assert.Contains("between 1 and 65535", Field(form, "port").Error, StringComparison.Ordinal);
        Assert.Null(Field(form, "host").Error);
        Assert.Equal(["name"], rest.Keys);
        Assert.Equal("retired: The setting is unknown.", form.Error);

        form.ShowErrors(null);
        Assert.Null(Field(form, "port").Error);
        Assert.Null(form.Error);
    }

    [Fact]
    public void A_provider_whose_connector_is_missing_has_no_fields_and_keeps_its_stored_settings()
    {
        var stored = new JsonObject { ["host"] = "h", ["password"] = "p" };

        var form = InstanceSettingsForm.For(null, new JsonObject { ["host"] = "h" }, new HashSet<string> { "password" });

        Assert.Empty(form.Fields);
        Assert.Equal(stored.ToJsonString(), form.ToSettings(stored).ToJsonString());
    }

    private static InstanceSettingField Field(InstanceSettingsForm form, string name) => form.Fields.Single(f => f.Name == name);

    private static ConnectorDescriptor Descriptor(string key, Type settings) =>
        new(key, key, null, [], [], ConnectorSettingsSchema.Describe(settings), "built-in");
}
