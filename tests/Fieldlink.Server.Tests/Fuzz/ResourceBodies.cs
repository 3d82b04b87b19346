using CsCheck;
using static Fieldlink.Server.Tests.Fuzz.JsonShapes;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// A small model of each resource's body: the fields the API documents, each with a valid value and the hostile values
/// of its kind. The valid connectors and settings are the test vendor's, told to behave, so nothing the fuzz makes
/// reaches out of the process or fails by design.
/// </summary>
public static class ResourceBodies
{
    private static readonly Gen<string> Name = HostileJson.Text(20);
    private static readonly Gen<string> Strings = HostileJson.Strings;

    /// <summary>Ids of devices in the seeded test-vendor and http instances, and one neither has.</summary>
    public static Gen<string> DeviceId { get; } = HostileJson.OneOfText([.. FuzzStore.VendorDeviceIds, FuzzStore.HttpDeviceId, "no-such-device"]);

    public static Gen<string> Provider { get; } = Record(
        F("name", Name, Strings),
        F("connector", HostileJson.OneOfText("test-vendor", "listening-only"), Strings),
        F("description", HostileJson.Text(40), Strings));

    public static Gen<string> ProviderInstance { get; } = Record(
        F("providerId", Ref("providers")),
        F("name", Name, Strings),
        F("instanceId", Name, Strings),
        F("url", HostileJson.OneOfText("https://vendor.invalid/", "https://vendor.invalid/portal?x=1"), HostileJson.Urls),
        F("enabled", HostileJson.Bool),
        F("settings", Gen.OneOf("{\"host\":\"vendor.invalid\",\"behaviour\":\"ok\",\"commandOutcome\":\"succeed\"}", "{}"),
            Gen.OneOf<string>(
                HostileJson.Any.Select(v => "{\"host\":" + v + "}"),
                HostileJson.Numbers.Select(v => "{\"host\":\"vendor.invalid\",\"port\":" + v + "}"),
                HostileJson.Any.Select(v => "{\"host\":\"vendor.invalid\",\"password\":" + v + ",\"unknown\":1}"))));

    // Static fields initialise in order: what a body below uses is defined above it.
    private static readonly Gen<string> Tile = Record(
        F("source", HostileJson.OneOfText("Measure", "Alerts", "Cases", "WorkOrders"), Strings),
        F("measure", HostileJson.OneOfText("temperature", "humidity"), Strings),
        F("aggregation", HostileJson.OneOfText("Average", "Min", "Max", "Sum", "Count", "Latest"), Strings),
        F("timeRange", Gen.Int[1, 90].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), HostileJson.Numbers),
        F("timeUnit", HostileJson.OneOfText("Hours", "Days"), Strings),
        F("position", Gen.Int[0, 9].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), HostileJson.Numbers));

    public static Gen<string> Device { get; } = Record(
        F("name", Name, Strings),
        F("deviceId", Name, Strings),
        F("providerInstanceId", Ref("providerInstances")),
        F("accountId", Ref("accounts")),
        F("categoryId", Ref("deviceCategories")),
        F("customerAssetId", Ref("customerAssets")),
        F("timeZone", HostileJson.OneOfText("UTC", "Europe/Berlin", "America/New_York"), Gen.OneOf<string>(Strings, HostileJson.OneOfText("Mars/Olympus", "../../etc/passwd", "UTC+99"))),
        F("simulated", HostileJson.Bool),
        F("registrationStatus", HostileJson.OneOfText("Unknown", "Unregistered", "InProgress", "Registered", "Error"), Strings),
        F("registrationMessage", HostileJson.Text(40), Strings),
        F("tags", Array(HostileJson.Text(8)), Array(HostileJson.Any)),
        F("tiles", Array(Tile), Gen.OneOf<string>(Array(HostileJson.Any), Gen.Const("[null]"))));

    private static readonly Gen<string> Measure = Record(
        F("name", HostileJson.OneOfText("temperature", "humidity", "pressure"), Strings),
        F("unit", HostileJson.OneOfText("°C", "%", "hPa"), Strings),
        F("low", HostileJson.SmallNumber, HostileJson.Numbers),
        F("high", HostileJson.SmallNumber, HostileJson.Numbers),
        F("hysteresis", HostileJson.SmallNumber, HostileJson.Numbers));

    private static readonly Gen<string> ParameterTypes = HostileJson.OneOfText("String", "Object", "DateTime", "Boolean", "WholeNumber", "DecimalNumber");

    private static readonly Gen<string> ChildParameter = Record(
        F("name", HostileJson.OneOfText("Temperature", "Humidity"), Strings),
        F("type", ParameterTypes, Strings),
        F("required", HostileJson.Bool),
        F("default", HostileJson.OneOfText("30", "auto"), HostileJson.Any));

    private static readonly Gen<string> Parameter = Record(
        F("name", HostileJson.OneOfText("Reading", "Message", "At"), Strings),
        F("type", ParameterTypes, Strings),
        F("unit", HostileJson.OneOfText("°C", "%"), Strings),
        F("required", HostileJson.Bool),
        F("editable", HostileJson.Bool),
        F("visible", HostileJson.Bool),
        F("default", HostileJson.OneOfText("30", "2026-11-30"), HostileJson.Any),
        F("parameters", Array(ChildParameter), Gen.OneOf<string>(Array(HostileJson.Any), Gen.Const("[null]"))));

    private static readonly Gen<string> CommandDefinition = Record(
        F("name", HostileJson.OneOfText("Set Values", "Reset Thermostat", "Notification"), Strings),
        F("description", HostileJson.Text(40), Strings),
        F("parameters", Array(Parameter), Gen.OneOf<string>(Array(HostileJson.Any), Gen.Const("[null]"))));

    public static Gen<string> DeviceCategory { get; } = Record(
        F("name", Name, Strings),
        F("description", HostileJson.Text(40), Strings),
        F("measures", Array(Measure), Gen.OneOf<string>(Array(HostileJson.Any), Gen.Const("[null]"))),
        F("commands", Array(CommandDefinition), Gen.OneOf<string>(Array(HostileJson.Any), Gen.Const("[null]"))),
        F("tiles", Array(Tile), Gen.OneOf<string>(Array(HostileJson.Any), Gen.Const("[null]"))));

    public static Gen<string> Account { get; } = Record(
        F("name", Name, Strings),
        F("accountNumber", Name, Strings),
        F("email", HostileJson.OneOfText("ops@customer.invalid"), Strings),
        F("phone", HostileJson.OneOfText("+49 30 1234567"), Strings),
        F("address", HostileJson.Text(40), Strings));

    public static Gen<string> CustomerAsset { get; } = Record(
        F("name", Name, Strings),
        F("accountId", Ref("accounts")),
        F("serialNumber", Name, Strings),
        F("location", HostileJson.Text(40), Strings));

    /// <summary>Scheduled pulls and pulls on alert stay off: they would write to the store between requests.</summary>
    public static Gen<string> Settings { get; } = Record(
        F("defaultProviderInstanceId", Ref("providerInstances")),
        F("alertGroupingEnabled", HostileJson.Bool),
        F("alertGroupingFields", Array(HostileJson.OneOfText("deviceId", "alertType", "description")), Array(HostileJson.Any)),
        F("alertGroupingWindow", HostileJson.OneOfText("PT5M", "PT1H", "P1D"), HostileJson.Durations),
        F("autoPullOnAlert", Gen.Const("false"), HostileJson.WrongTypes),
        F("scheduledPullsEnabled", Gen.Const("false"), HostileJson.WrongTypes),
        F("scheduledPullInterval", HostileJson.OneOfText("PT15M", "PT1H"), HostileJson.Durations),
        F("commandNameProperty", HostileJson.OneOfText("command", "name"), Strings),
        F("commandParametersProperty", HostileJson.OneOfText("parameters", "args"), Strings));

    public static Gen<string> ApiKey { get; } = Record(
        F("name", Name, Strings),
        F("role", HostileJson.OneOfText("Dispatcher", "Technician", "Endpoint"), Strings),
        F("providerInstanceId", Ref("providerInstances")));

    public static Gen<string> AlertStatus { get; } = Record(
        F("status", HostileJson.OneOfText("Active", "InProgress", "Closed"), Strings));

    public static Gen<string> Case { get; } = Record(
        F("title", Name, Strings),
        F("description", HostileJson.Text(40), Strings),
        F("priority", HostileJson.OneOfText("Low", "Normal", "High"), Strings),
        F("status", HostileJson.OneOfText("Active", "Resolved", "Canceled"), Strings),
        F("accountId", Ref("accounts")),
        F("customerAssetId", Ref("customerAssets")));

    public static Gen<string> CaseCreate { get; } = Optional(Record(
        F("title", Name, Strings),
        F("priority", HostileJson.OneOfText("Low", "Normal", "High"), Strings)));

    public static Gen<string> WorkOrder { get; } = Record(
        F("instructions", HostileJson.Text(40), Strings),
        F("status", HostileJson.OneOfText("Unscheduled", "Scheduled", "InProgress", "Completed", "Closed", "Canceled"), Strings));

    public static Gen<string> WorkOrderCreate { get; } = Optional(Record(F("instructions", HostileJson.Text(40), Strings)));

    /// <summary>Webhooks go to the loopback address the fuzz server allows; its dispatcher is off, so nothing is sent.</summary>
    public static Gen<string> Webhook { get; } = Record(
        F("url", HostileJson.OneOfText("http://127.0.0.1:9/fuzz-hook", "http://127.0.0.1:9/other"), HostileJson.Urls),
        F("eventTypes", Array(HostileJson.OneOfText("*", "alert.created", "case.created", "command.status_changed")), Array(HostileJson.Any)),
        F("enabled", HostileJson.Bool),
        F("description", HostileJson.Text(40), Strings));

    public static Gen<string> Command { get; } = Record(
        F("name", HostileJson.OneOfText("reboot", "setpoint"), Strings),
        F("parameters", Gen.OneOf("{}", "{\"value\":21.5}", "{\"mode\":\"eco\"}"), Gen.OneOf<string>(HostileJson.WrongTypes, HostileJson.Any.Select(v => "{\"value\":" + v + "}"))),
        F("alertId", Ref("alerts")),
        F("expiresAt", HostileJson.OneOfText("2030-01-01T00:00:00Z"), HostileJson.Times));

    public static Gen<string> DeviceIds { get; } = Record(F("ids", Array(Ref("devices")), Array(HostileJson.Any)));

    /// <summary>A custom action's input: anything JSON.</summary>
    public static Gen<string> ActionInput { get; } = Optional(Gen.OneOf<string>(
        Gen.OneOf("{}", "{\"text\":\"hello\"}", "{\"alertType\":\"Anomaly\",\"description\":\"x\"}"),
        HostileJson.Any, HostileJson.Bodies));

    public static Gen<string> NoBody { get; } = Gen.Frequency((6, (IGen<string>)Gen.Const(string.Empty)), (1, Gen.Const("{}")), (1, HostileJson.Bodies));

    public static Gen<string> Aggregate { get; } = Batch(Record(
        F("measure", HostileJson.OneOfText("temperature", "humidity", "none"), Strings),
        F("aggregate", HostileJson.OneOfText("None", "Avg", "Min", "Max", "Sum", "Count"), Strings),
        F("timeRangeType", HostileJson.OneOfText("Hours", "Days", "Latest"), Strings),
        F("timeRangeValue", Gen.Int[1, 48].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.OneOf<string>(HostileJson.Numbers, Gen.Const("2147483647"), Gen.Const("-2147483648")))));

    public static Gen<string> AlertItems { get; } = Batch(Record(
        F("deviceId", DeviceId, Strings),
        F("alertType", HostileJson.OneOfText("Anomaly", "Info", "PreventiveMaintenance", "Test"), Strings),
        F("description", HostileJson.Text(30), Strings),
        F("alertTime", HostileJson.RecentTime, HostileJson.Times),
        F("data", Gen.OneOf("{}", "{\"level\":3}"), HostileJson.Any),
        F("token", HostileJson.Text(16), Strings),
        F("url", HostileJson.OneOfText("https://vendor.invalid/alerts/1"), HostileJson.Urls)));

    /// <summary>Readings: often huge but finite values in one hour, which once broke that device's aggregates.</summary>
    public static Gen<string> TelemetryItems { get; } = Batch(Record(
        F("deviceId", DeviceId, Strings),
        F("timestamp", Gen.OneOf<string>(HostileJson.RecentTime, HostileJson.OneOfText("2026-11-25T10:15:00Z", "2026-11-25T10:45:00Z")), HostileJson.Times),
        F("values", Gen.OneOf<string>(HostileJson.SmallNumber, Gen.OneOf("1e308", "-1e308", "1.7976931348623157e308", "5e-324"))
                .Select(v => "{\"temperature\":" + v + "}"),
            Gen.OneOf<string>(HostileJson.Any.Select(v => "{\"temperature\":" + v + "}"), HostileJson.Any.Select(v => "{" + v + ":1}"), HostileJson.WrongTypes))));

    public static Gen<string> StateItems { get; } = Batch(Record(
        F("deviceId", DeviceId, Strings),
        F("connectionState", HostileJson.OneOfText("Unknown", "Connected", "Disconnected"), Strings),
        F("reportedProperties", Gen.OneOf("{}", "{\"firmware\":\"1.2\"}", "{\"battery\":{\"level\":80}}"), Gen.OneOf<string>(HostileJson.WrongTypes, HostileJson.Any.Select(v => "{\"p\":" + v + "}"))),
        F("lastActivityAt", HostileJson.RecentTime, HostileJson.Times)));

    private static Gen<string> Optional(Gen<string> body) => Gen.Frequency((1, (IGen<string>)Gen.Const(string.Empty)), (4, body));
}
