using Fieldlink.Core.Alerts;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>A parent alert as the alerts page shows it: the record's fields with the names of what it refers to.</summary>
public sealed record AlertRow(
    Guid Id,
    DateTimeOffset AlertTime,
    string Device,
    string? CustomerAsset,
    string? Account,
    string? Provider,
    AlertType AlertType,
    string Description,
    int ChildCount,
    AlertStatus Status);
