namespace Fieldlink.Bench.Suite;

/// <summary>The machine's one-minute load average, printed beside every figure: a figure means little without it.</summary>
public static class LoadAverage
{
    /// <summary>The one-minute load average from <c>/proc/loadavg</c>, or NaN where there is none (not Linux).</summary>
    public static double OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}
