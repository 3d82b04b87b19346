using System.Globalization;
using CsCheck;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Generators of JSON text: the hostile values issue 9 lists, and the plain ones a valid body is made of. Values are
/// JSON text (a string value is written with its quotes) so that what System.Text.Json would never write — a lone
/// surrogate escape, a duplicate key, bytes that are not UTF-8 — can be sent as a client would.
/// </summary>
public static class HostileJson
{
    /// <summary>Stands for bytes that are not UTF-8; <see cref="FuzzRequest"/> puts them in when it encodes the body.</summary>
    public const char InvalidUtf8 = '\uE000';

    /// <summary>Stands for a surrogate encoded as UTF-8 bytes (ED A0 80), which no valid UTF-8 holds.</summary>
    public const char EncodedSurrogate = '\uE001';

    /// <summary>A string value made of letters and digits, 1 to <paramref name="max"/> long.</summary>
    public static Gen<string> Text(int max = 12) => Gen.String[Gen.Char.AlphaNumeric, 1, max].Select(Quote);

    /// <summary>One of <paramref name="values"/>, as a JSON string.</summary>
    public static Gen<string> OneOfText(params string[] values) => Gen.OneOf(values).Select(Quote);

    public static Gen<string> Bool { get; } = Gen.OneOf<string>("true", "false");

    /// <summary>A time in the last few days, as the API writes them.</summary>
    public static Gen<string> RecentTime { get; } = Gen.Int[0, 7 * 24 * 3600].Select(seconds =>
        Quote(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

    public static Gen<string> SmallNumber { get; } = Gen.Double[-1000, 1000].Select(d => Math.Round(d, 2).ToString("R", CultureInfo.InvariantCulture));

    public static Gen<string> Strings { get; } = Gen.OneOf<string>(Gen.OneOf<string>(
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"", "\"\\udbff\\udbff\"", "\"\"", "\" \"", "\"\\t\\r\\n\"",
        "\"\\u202e\\u200b\"", "\"%00\"", "\"\\\\\"", "\"' or 1=1 --\"", "\"<script>alert(1)</script>\"", "\"\\uffff\"",
        "\"\\ud83d\\ude00\"", "\"\u00e9\u4e2d\"", $"\"a{InvalidUtf8}b\"", $"\"{EncodedSurrogate}\""),
        Gen.Int[200, 3000].Select(n => Quote(new string('x', n))),
        Gen.OneOf(70_000, 300_000).Select(n => Quote(new string('y', n))));

    public static Gen<string> Numbers { get; } = Gen.OneOf<string>(
        "1e308", "-1e308", "1.7976931348623157e308", "1e309", "-1e400", "1e-400", "-0", "0", "-1", "4.9e-324",
        "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "123456789012345678901234567890", "0.1e-9999", "1.5", "1E+2", "NaN", "Infinity", "-Infinity",
        "0x10", "01", "+1", ".5");

    public static Gen<string> Times { get; } = Gen.OneOf<string>(
        "\"0001-01-01T00:00:00Z\"", "\"0001-01-01T00:04:59Z\"", "\"0001-01-01T00:00:00+01:00\"", "\"9999-12-31T23:59:59.9999999Z\"",
        "\"9999-12-31T23:59:59-14:00\"", "\"1970-01-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"", "\"2026-11-30T08:00:00\"",
        "\"2026-11-30\"", "\"now\"", "\"\"", "1732953600", "\"1732953600\"", "\"2026-11-30T08:00:00.123456789Z\"", "\"+002026-11-30T08:00:00Z\"");

    public static Gen<string> Durations { get; } = Gen.OneOf<string>(
        "\"P1000000Y\"", "\"P10675199D\"", "\"P10675200D\"", "\"PT0S\"", "\"-PT1H\"", "\"PT0.0000001S\"", "\"P\"", "\"PT\"",
        "\"10675199.02:48:05.4775807\"", "\"-10675199.02:48:05.4775808\"", "\"00:00:00\"", "\"1.00:00:00\"", "\"P1Y2M3DT4H5M6S\"",
        "\"PT1H\"", "\"PT99999999999999999999H\"", "\"forever\"", "3600");

    public static Gen<string> Urls { get; } = Gen.OneOf<string>(
        "\"javascript:alert(1)\"", "\"JaVaScRiPt:alert(1)\"", "\"data:text/html,<b>x</b>\"", "\"http://[::127.0.0.1]/\"",
        "\"http://[::ffff:127.0.0.1]/\"", "\"http://[::1]:9/\"", "\"http://127.0.0.1:9/\"", "\"http://localhost:9/\"",
        "\"http://2130706433/\"", "\"http://0x7f.1/\"", "\"/relative/path\"", "\"relative\"", "\"ftp://files.invalid/x\"",
        "\"http://user:pw@vendor.invalid/\"", "\"file:///etc/passwd\"", "\"https://vendor.invalid/\\u0000\"", "\"https://\"",
        "\"https://vendor.invalid:99999/\"", "\"\"", "\"https://vendor.invalid/%00\"");

    /// <summary>Values of the wrong shape for almost any field: other types, nulls in arrays, deep nesting.</summary>
    public static Gen<string> WrongTypes { get; } = Gen.OneOf<string>(Gen.OneOf<string>(
        "null", "true", "false", "[]", "{}", "[null]", "[null,null]", "[[]]", "{\"\":null}", "\"x\"", "0", "[\"\\u0000\"]", "[1e308]", "{\"a\":\"\\ud800\"}"),
        Gen.OneOf(64, 200, 2000).Select(Nested));

    /// <summary>Any hostile value.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (3, Strings), (3, Numbers), (2, Times), (1, Durations), (1, Urls), (3, WrongTypes));

    /// <summary>A hostile value chosen for a field's kind most of the time, any hostile value otherwise.</summary>
    public static Gen<string> For(Gen<string> kind) => Gen.Frequency((3, kind), (2, Any));

    /// <summary>Whole bodies that are no object of the resource at all.</summary>
    public static Gen<string> Bodies { get; } = Gen.OneOf<string>(Gen.OneOf<string>(
        string.Empty, " ", "null", "[]", "[null]", "{}", "\"text\"", "1e308", "{", "{\"a\":1,}", "{\"a\":1}garbage", "{'a':1}",
        "\ufeff{}", "{\"a\":1}{\"a\":2}", "/* comment */ {}", $"{InvalidUtf8}", "{\"\\u0000\":1}", $"{{\"{InvalidUtf8}\":1}}"),
        Gen.OneOf(64, 1000, 5000).Select(Nested),
        Gen.OneOf(64, 1000).Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    public static string Quote(string text) => "\"" + text + "\"";

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
