using Fieldlink.Core.Data;

namespace Fieldlink.Core.Webhooks;

/// <summary>Wakes this process's <see cref="WebhookDispatcher"/> when an event was written here.</summary>
public sealed class WebhookSignal(TimeProvider time) : WakeUpSignal(time);
