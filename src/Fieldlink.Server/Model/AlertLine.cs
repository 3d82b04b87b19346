using Fieldlink.Core.Alerts;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>A parent alert as a record's page lists it (an asset's alerts, an account's open ones, a case's alert).</summary>
public sealed record AlertLine(Guid Id, DateTimeOffset AlertTime, AlertType Type, string Description, int ChildCount, AlertStatus Status, Guid? DeviceRecordId, string Device);
