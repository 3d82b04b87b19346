using System.Text;

namespace Fieldlink.Connectors.Simulator.Internal;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime and machine, unlike
/// <see cref="Random"/> (whose seeded sequence is not promised across .NET versions) and
/// <see cref="string.GetHashCode()"/> (randomized per process). Not thread-safe; each device owns one.
/// </summary>
internal sealed class StableRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for one thing (a device, a command) of one seed: the same pair always gives the same sequence.</summary>
    public static StableRandom For(int seed, string key) => new(Mix((ulong)(uint)seed, Hash(Encoding.UTF8.GetBytes(key))));

    /// <summary>A number in [0, 1) fixed by the seed and the key, for one-off choices such as a command's fate.</summary>
    public static double UnitFor(int seed, ReadOnlySpan<byte> key) => ToUnit(Finalize(Mix((ulong)(uint)seed, Hash(key))));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Finalize(_state);
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => ToUnit(NextUInt64());

    /// <summary>A number in [min, max).</summary>
    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    public int Below(int max) => (int)(NextUInt64() % (ulong)max);

    /// <summary>64-bit FNV-1a: stable across processes, good enough to tell device ids apart.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }

    private static ulong Mix(ulong seed, ulong hash) => Finalize(seed * 0x9E3779B97F4A7C15UL) ^ hash;

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double ToUnit(ulong value) => (value >> 11) * (1.0 / (1UL << 53));
}
