using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fieldlink.Core.Data;

/// <summary>
/// Stores a time as the same instant in UTC. Times arrive with whatever offset a vendor or a filter sent; Npgsql
/// writes only UTC to a timestamptz, and a database compares and orders them as instants only in one offset.
/// In queries compare a time with a DateTimeOffset, not its <c>UtcDateTime</c> with a DateTime: EF gives the
/// member this converter too, and the DateTime then fails to convert.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
