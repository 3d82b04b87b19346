using Fieldlink.Core.Alerts;

namespace Fieldlink.Server.Api.Alerts;

/// <summary>The body of <c>PATCH /api/v1/alerts/{id}</c>: the status the alert's group moves to.</summary>
public sealed record AlertStatusWrite(AlertStatus? Status);
