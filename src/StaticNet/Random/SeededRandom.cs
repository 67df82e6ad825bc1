using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// A small, fast, seeded random generator (xoshiro256** seeded through SplitMix64). Every random choice StaticNet makes
/// (initialisation, shuffling, splitting) draws from one of these, so the same seed gives the same bits on every machine and
/// every .NET version — unlike <see cref="System.Random"/>, whose seeded sequence is not a documented contract.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public SeededRandom(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// Creates generator number <paramref name="stream"/> of <paramref name="seed"/>: independent streams from one seed
    /// (Fit's shuffling is stream 0, which equals <c>new SeededRandom(seed)</c>; its workers' dropout streams are 1, 2, …).
    /// </summary>
    public SeededRandom(long seed, long stream)
        : this(StreamSeed(seed, stream))
    {
    }

    /// <summary>The seed of stream <paramref name="stream"/> of <paramref name="seed"/>: <paramref name="seed"/> itself for stream 0.</summary>
    public static long StreamSeed(long seed, long stream) =>
        stream == 0 ? seed : unchecked(seed ^ (long)(0xD1B54A32D192ED03UL * (ulong)stream));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64() => Next(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>
    /// Fills <paramref name="values"/> with the next draws of <see cref="NextUInt64"/>, in order: the same values as that
    /// many calls, with the generator's state kept in registers for the whole span.
    /// </summary>
    public void Fill(Span<ulong> values)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Next(ref s0, ref s1, ref s2, ref s3);
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// One step of xoshiro256**: the output of the state, which it then advances. Inlined, so the state passed in can be
    /// locals held in registers (<see cref="Fill"/>, <see cref="Shuffle{T}(Span{T})"/>) rather than the fields, which each
    /// call would otherwise store and the next load again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return Below(maxExclusive, ref _s0, ref _s1, ref _s2, ref _s3);
    }

    /// <summary><see cref="NextInt"/> for a positive <paramref name="range"/>, on the state passed in (as <see cref="Next"/>).</summary>
    /// <remarks>
    /// The threshold below which a low word is rejected is less than the range, so a low word of at least the range is
    /// accepted without it: the division that computes it runs only in the rare case, and the accepted values, the
    /// rejections and so the stream are the same as computing it every call (a shuffle of Iris's 120 rows spent most of
    /// its time in that division).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Below(int range, ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong product = (Next(ref s0, ref s1, ref s2, ref s3) >> 32) * (ulong)range;
        if ((uint)product < (uint)range)
        {
            uint threshold = (uint)((1UL << 32) % (ulong)range); // low words below this would make some results more likely
            while ((uint)product < threshold)
            {
                product = (Next(ref s0, ref s1, ref s2, ref s3) >> 32) * (ulong)range;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>A standard normal sample (Box–Muller on two uniform doubles).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1], so the log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Shuffle<T>(Span<T> items)
    {
        // The state in registers for the whole shuffle (the same draws as NextInt's, in the same order).
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Below(i + 1, ref s0, ref s1, ref s2, ref s3);
            (items[i], items[j]) = (items[j], items[i]);
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }
}
