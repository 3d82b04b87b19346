namespace Fieldlink.Server.Api.Devices;

/// <summary>A device category as the API shows it.</summary>
public sealed record DeviceCategoryRead(Guid Id, string Name, string? Description, IReadOnlyList<MeasureWrite> Measures, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
