namespace Fieldlink.Bench.Suite;

/// <summary>What every figure of <c>bench suite</c> is measured with.</summary>
/// <param name="Database">A PostgreSQL connection string (a throwaway database: figures create and drop what they need).</param>
/// <param name="BrokerPort">A broker (e.g. Mosquitto) on 127.0.0.1 at this port, for the figures that need one.</param>
/// <param name="Quick">Shorter runs, so the whole suite takes under 10 minutes.</param>
/// <param name="Rounds">How many times each figure runs Fieldlink and its baseline, interleaved (A B A B …); medians are reported.</param>
/// <param name="Output">Where a figure writes its detail lines (rates asked and reached, percentiles, load average).</param>
public sealed record SuiteContext(string Database, int BrokerPort, bool Quick, int Rounds, TextWriter Output);
