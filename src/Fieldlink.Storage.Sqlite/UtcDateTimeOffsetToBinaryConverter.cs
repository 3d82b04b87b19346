using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fieldlink.Storage.Sqlite;

/// <summary>
/// A time as a 64-bit number in <see cref="DateTimeOffsetToBinaryConverter"/>'s layout, taken of the UTC instant:
/// that layout starts with the local clock time, so numbers order as instants only when every offset is zero.
/// </summary>
internal sealed class UtcDateTimeOffsetToBinaryConverter : ValueConverter<DateTimeOffset, long>
{
    private static readonly DateTimeOffsetToBinaryConverter Binary = new();

    public UtcDateTimeOffsetToBinaryConverter()
        : base(v => Binary.ConvertToProviderTyped(v.ToUniversalTime()), v => Binary.ConvertFromProviderTyped(v))
    {
    }
}
