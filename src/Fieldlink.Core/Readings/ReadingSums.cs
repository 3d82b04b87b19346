namespace Fieldlink.Core.Readings;

/// <summary>
/// Sums and averages of readings that no stored data can overflow into an error. The database adds readings in two
/// parts: those under <see cref="Large"/> (2^960, about 9.7e288) as they are, and larger ones scaled down by
/// <see cref="Scale"/> (2^-64), so neither part can leave the range of a double (that would take 2^64 readings);
/// nothing is multiplied down far enough to underflow, which PostgreSQL also refuses. Here the parts are put back
/// together: for any reading under 2^960 the result is bit for bit the plain sum, and a sum beyond the largest double
/// is answered as the largest finite double of its sign (<see cref="double.MaxValue"/>), never as an infinity.
/// The average of finite readings is always finite, and exact as the plain one.
/// </summary>
public static class ReadingSums
{
    /// <summary>The magnitude from which a reading is added scaled down: 2^960.</summary>
    public static readonly double Large = Math.ScaleB(1, 960);

    /// <summary>What a large reading is multiplied by before it is added: 2^-64 (exact, a power of two).</summary>
    public static readonly double Scale = Math.ScaleB(1, -64);

    /// <summary>The sum of the readings, from the sum of the small ones and the scaled sum of the large ones.</summary>
    public static double Sum(double small, double largeScaled)
    {
        var sum = small + Math.ScaleB(largeScaled, 64);
        if (!double.IsFinite(sum))
        {
            // Large parts of opposite signs may cancel: add in the scaled range before giving up.
            sum = Math.ScaleB(Math.ScaleB(small, -64) + largeScaled, 64);
        }

        return Finite(sum);
    }

    /// <summary>The average of <paramref name="count"/> readings, from the parts of their sum.</summary>
    public static double Average(double small, double largeScaled, long count) =>
        count <= 0 ? 0 : Finite((small / count) + Math.ScaleB(largeScaled / count, 64));

    private static double Finite(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, double.MinValue, double.MaxValue);
}
