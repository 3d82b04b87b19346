using Fieldlink.Server.Auth;

namespace Fieldlink.Server.Tests.Auth;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/devices?status=Active", "/devices?status=Active")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("devices", "/")]
    [InlineData("/a\nb", "/")]
    public void From_keeps_only_paths_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalReturnUrl.From(returnUrl));
}
