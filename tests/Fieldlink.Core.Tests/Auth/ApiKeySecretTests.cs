using Fieldlink.Core.Auth;

namespace Fieldlink.Core.Tests.Auth;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generate_makes_distinct_url_safe_keys_with_the_scheme_prefix()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToList();

        Assert.Equal(100, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k =>
        {
            Assert.StartsWith(ApiKeySecret.Scheme, k, StringComparison.Ordinal);
            Assert.Equal(4 + 43, k.Length);
            Assert.Matches("^flk_[A-Za-z0-9_-]+$", k);
        });
    }

    [Fact]
    public void Hash_is_the_lowercase_hex_sha256_of_the_key()
    {
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeySecret.Hash("hello"));
        Assert.NotEqual(ApiKeySecret.Hash("flk_a"), ApiKeySecret.Hash("flk_b"));
    }

    [Fact]
    public void PrefixOf_shows_the_scheme_and_eight_characters()
    {
        Assert.Equal("flk_abcdefgh", ApiKeySecret.PrefixOf("flk_abcdefghijklmnop"));
        Assert.Equal("short", ApiKeySecret.PrefixOf("short"));
    }
}
