using Fieldlink.Server.Tests.Api.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;

namespace Fieldlink.Web.Tests.Pages.Admin;

/// <summary>A SQLite server whose webhooks may reach the test's loopback receiver and whose MQTT instances open at once.</summary>
public sealed class WebhookPagesServer : SqliteServer
{
    public WebhookPagesServer()
    {
        WebhookSettings.Apply(this);
        this.ForMqtt();
    }
}
