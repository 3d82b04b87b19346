using System.Globalization;
using CsCheck;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Query strings: OData options with the expressions issue 9 found (division by zero, overflow, huge substrings, date
/// parts, parameter aliases, %00), and the readings' and events' time ranges. Values are URL-encoded, except where the
/// raw text is the point (<c>%00</c>).
/// </summary>
public static class QueryStrings
{
    private static readonly string[] Fields =
        ["name", "id", "createdAt", "updatedAt", "status", "deviceId", "description", "alertTime", "queuedAt", "registrationStatus",
         "enabled", "title", "number", "priority", "connector", "url", "eventType", "attempts", "role", "tags", "nope", "Name", "@odata.count"];

    private static readonly Gen<string> Field = Gen.OneOf(Fields);

    private static readonly Gen<string> Literal = Gen.OneOf(
        "'x'", "''", "'%00'", "'it''s'", "null", "true", "1", "-1", "0", "2147483648", "9223372036854775808", "1e308", "1e-400", "-0", "NaN",
        "INF", "2026-11-30T08:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-30", "duration'P10675199D'", "duration'P1000000Y'",
        "00000000-0000-0000-0000-000000000000", "'Registered'", "'Active'", "@p", "@q");

    private static readonly Gen<string> Time = Gen.OneOf(
        "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01", "9999-12-31T23:59:59.9999999Z",
        "2026-11-30T08:00:00%2B14:00", "1970-01-01T00:00:00Z", "x", "%00", "", "2026-02-30T00:00:00Z", "-1");

    private static readonly Gen<string> Comparison = Gen.OneOf("eq", "ne", "gt", "ge", "lt", "le", "has", "in");

    /// <summary>One $filter expression, from the plain to the hostile, nested a little.</summary>
    public static Gen<string> Filter { get; } = Gen.Recursive<string>((depth, filter) =>
    {
        var leaf = Gen.OneOf<string>(
            Gen.Select(Field, Comparison, Literal, (f, op, v) => $"{f} {op} {v}"),
            Gen.OneOf(
                "length(name) div 0 eq 1", "length(name) mod 0 eq 1", "length(name) add 2147483647 gt 0",
                "length(name) mul 2147483647 mul 2147483647 gt 0", "2147483647 add 1 gt 0", "9223372036854775807 add 1 gt 0",
                "1.5 div 0 eq 1", "substring(name,2147483647) eq 'x'", "substring(name,-1) eq 'x'", "substring(name,1,2147483647) eq 'x'",
                "indexof(name,'') eq -1", "year(createdAt) eq 2026", "month(alertTime) eq 13", "day(createdAt) eq 0", "hour(createdAt) eq 99",
                "createdAt sub duration'P10675199D' lt createdAt", "createdAt add duration'P1000000Y' gt createdAt",
                "createdAt gt 0001-01-01T00:00:00Z", "createdAt lt 9999-12-31T23:59:59.9999999Z", "date(createdAt) eq 2026-11-30",
                "time(createdAt) lt 12:00:00", "now() gt createdAt", "round(1.5) eq 2", "ceiling(length(name)) gt 1e308",
                "cast(name, Edm.Int32) eq 1", "isof(name, Edm.String)", "tolower(name) eq 'x'", "concat(name, name) eq 'xx'",
                "contains(name,'\0')", "startswith(name, '%')", "matchesPattern(name, '(a+)+$')", "tags/any(t: t eq 'x')",
                "tags/all(t: t eq 'x')", "tags/any()", "geo.distance(name, name) lt 1", "$it eq 1", "foo/bar eq 1", "name eq name",
                "not true", "1 eq 1", "null eq null", "(((name eq 'x')))", "name eq", "eq 'x'", "'", "(", ")", "name eq 'x' and", "",
                "name in ('a','b')", "name in ()", "id eq 7", "version gt 0", "status eq 'Nope'", "status eq 42"));
        return depth >= 3 ? leaf : Gen.Frequency(
            (5, (IGen<string>)leaf),
            (1, Gen.Select(filter, filter, (a, b) => $"{a} and {b}")),
            (1, Gen.Select(filter, filter, (a, b) => $"({a}) or ({b})")),
            (1, filter.Select(a => $"not ({a})")));
    });

    /// <summary>OData options for a collection, each present or not, some given twice.</summary>
    public static Gen<string> OData { get; } = Gen.Select(
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (4, Filter.Select(f => (string?)("$filter=" + Encode(f))))),
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf<string?>(
            "$orderby=name", "$orderby=createdAt desc", "$orderby=nope", "$orderby=length(name)", "$orderby=year(createdAt)", "$orderby=name,,",
            "$orderby=queuedAt", "$orderby=" + Encode("name asc, id desc, createdAt"), "$orderby=name%20sideways", "$orderby=%00"))),
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf<string?>(
            "$top=0", "$top=1", "$top=-1", "$top=2147483647", "$top=2147483648", "$top=1e3", "$top=abc", "$top=", "$top=%00"))),
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf<string?>(
            "$skip=0", "$skip=-1", "$skip=2147483647", "$skip=99999999999", "$skip=x", "$skip=1&$skip=2"))),
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf<string?>("$count=true", "$count=false", "$count=TRUE", "$count=1", "$count=maybe"))),
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf<string?>(
            "$select=name", "$select=id,name", "$select=*", "$select=nope", "$select=name,name", "$select=", "$select=%00", "$select=" + Encode("@odata.count")))),
        Gen.Frequency((4, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf<string?>(
            "@p='x'", "@p=1", "@p=null", "@p=@q&@q=@p", "@q=2147483648", "@p=" + Encode("'\0'"), "@p=%00", "$expand=devices", "$search=x",
            "$apply=groupby((name))", "$format=xml", "unknown=1", "%00=%00", "$filter=name%20eq%20'%00'")))
        , (a, b, c, d, e, f, g) => string.Join("&", new[] { a, b, c, d, e, f, g }.Where(p => p is not null)));

    /// <summary>The query of a device's readings or events: from, to, interval and measures.</summary>
    public static Gen<string> Readings { get; } = Gen.Select(
        Gen.Frequency((2, (IGen<string?>)Gen.Const((string?)null)), (2, Time.Select(t => (string?)("from=" + t)))),
        Gen.Frequency((2, (IGen<string?>)Gen.Const((string?)null)), (2, Time.Select(t => (string?)("to=" + t)))),
        Gen.Frequency((2, (IGen<string?>)Gen.Const((string?)null)), (2, Gen.OneOf<string?>(
            "interval=PT1H", "interval=P1D", "interval=PT1M", "interval=PT1S", "interval=PT0S", "interval=-PT1H", "interval=P1000000Y",
            "interval=P10675199D", "interval=x", "interval=%00"))),
        Gen.Frequency((2, (IGen<string?>)Gen.Const((string?)null)), (2, Gen.OneOf<string?>(
            "measures=temperature", "measures=temperature,humidity", "measures=", "measures=,,,", "measures=%00", "measures=" + new string('m', 5000),
            "measures=" + string.Join(",", Enumerable.Range(0, 500).Select(i => "m" + i.ToString(CultureInfo.InvariantCulture)))))),
        (a, b, c, d) => string.Join("&", new[] { a, b, c, d }.Where(p => p is not null)));

    /// <summary>The query of an ingestion: the seeded vendor instance most of the time.</summary>
    public static Gen<string> Instance { get; } = Gen.Frequency(
        (8, (IGen<string>)Gen.Const("instance=" + FuzzPools.Token("providerInstances", 0))),
        (2, Gen.Int[0, 5].Select(n => "instance=" + FuzzPools.Token("providerInstances", n))),
        (1, Gen.OneOf("instance=not-a-guid", "instance=%00", "instance=", "", "instance=00000000-0000-0000-0000-000000000000")));

    /// <summary>A query string for a GET that takes none: junk it should ignore or refuse.</summary>
    public static Gen<string> Junk { get; } = Gen.OneOf(string.Empty, "x=1", "%00", "$filter=name eq 'x'", "$top=-1");

    private static string Encode(string text) => Uri.EscapeDataString(text);
}
