namespace Fieldlink.Web.Tests.Infrastructure;

/// <summary>The browser tests share one Chromium and run one class at a time (two cores; a browser is heavy).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
