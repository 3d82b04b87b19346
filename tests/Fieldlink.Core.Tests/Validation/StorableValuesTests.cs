using Fieldlink.Core.Validation;

namespace Fieldlink.Core.Tests.Validation;

/// <summary>The URL rule: absolute http or https, without user information.</summary>
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
}
