using Fieldlink.Sdk;

namespace Fieldlink.Server.Tests.Infrastructure.TestVendor;

/// <summary>A connector for tests that implements the actions and misbehaves on request.</summary>
public sealed class TestVendorConnector : Connector<TestVendorSettings, TestVendorInstance>
{
    public const string ConnectorKey = "test-vendor";

    public override string Key => ConnectorKey;

    public override string DisplayName => "Test Vendor";

    public override IReadOnlyList<string> CustomActions => ["echo", "raise-alert"];

    protected override TestVendorInstance Open(TestVendorSettings settings, ConnectorContext context) => new(settings, context);
}
