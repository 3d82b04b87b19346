using Fieldlink.Core.Readings;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fieldlink.Storage.Sqlite;

/// <summary>
/// Reading timestamps as microseconds since the Unix epoch: a plain integer that SQL can subtract and divide to
/// bucket readings, unlike the packed form the other times of the model use.
/// </summary>
internal sealed class UnixMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => ReadingTime.ToUnixMicroseconds(value),
    value => ReadingTime.FromUnixMicroseconds(value));
