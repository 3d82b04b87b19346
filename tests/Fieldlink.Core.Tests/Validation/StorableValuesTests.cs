using System.Text.Json.Nodes;
using Fieldlink.Core.Validation;

namespace Fieldlink.Core.Tests.Validation;

/// <summary>The text, JSON and URL rules every door shares: what they refuse, and what they must not.</summary>
public sealed class StorableValuesTests
{
    [Theory]
    [InlineData("https://acme.example/api")]
    [InlineData("http://acme.example:8080/a?b=c@d#e")]
    public void Absolute_http_urls_are_fine(string url) => Assert.Null(StorableValues.UrlProblem(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("relative/path")]
    [InlineData("ftp://acme.example/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pw@acme.example/")]
    [InlineData("https://user@acme.example/")]
    [InlineData("https://@acme.example/")]
    [InlineData("https://acme.example/\u0000")]
    public void Other_urls_are_refused(string url) => Assert.NotNull(StorableValues.UrlProblem(url));

    [Fact]
    public void Json_built_from_numbers_times_and_text_is_storable()
    {
        var data = new JsonObject
        {
            ["value"] = 21.5,
            ["count"] = 3,
            ["big"] = 12345678901234L,
            ["at"] = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
            ["id"] = Guid.NewGuid(),
            ["name"] = "pump",
            ["nested"] = new JsonArray(1, "two", new JsonObject { ["ok"] = true }),
        };

        Assert.Null(StorableValues.JsonProblem(data));
        Assert.Null(StorableValues.JsonProblem(JsonNode.Parse("""{"emoji": "\ud83d\ude00", "n": -1.5e300}""")));
    }

    [Theory]
    [InlineData("""{"note": "a\u0000b"}""", "$.note")]
    [InlineData("""{"a\u0000": 1}""", "property name at $")]
    [InlineData("""{"list": [1, "\ud800"]}""", "Unicode")]
    [InlineData("""{"big": 1e400}""", "$.big")]
    public void Json_with_a_NUL_an_unpaired_surrogate_or_an_infinite_number_is_refused_saying_where(string json, string where)
    {
        var problem = StorableValues.JsonProblem(JsonNode.Parse(json));

        Assert.NotNull(problem);
        Assert.Contains(where, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_made_from_a_NaN_is_refused()
    {
        Assert.NotNull(StorableValues.JsonProblem(new JsonObject { ["x"] = double.NaN }));
    }

    [Fact]
    public void Escape_writes_a_NUL_and_a_lone_surrogate_as_escapes_and_never_cuts_a_pair()
    {
        Assert.Equal("a\\u0000b\\uD800", StorableValues.Escape("a\0b\ud800"));
        Assert.Equal("x", StorableValues.Escape("x\ud83d\ude00", 2));
        Assert.Null(StorableValues.TextProblem(StorableValues.Escape("\0\udc00", 5)));
    }
}
