using System.Diagnostics;

namespace StaticNet.Benchmarks;

/// <summary>The timing loop of the hand-rolled benchmark modes (the ones BenchmarkDotNet does not run).</summary>
internal static class Timing
{
    /// <summary>
    /// Seconds per call of <paramref name="action"/>: the best of <paramref name="rounds"/> rounds of
    /// <paramref name="repeats"/> calls, after calling it for <paramref name="warmUpMilliseconds"/> (long enough, at 300 ms
    /// or more, for tiered compilation to replace tier-0 code: it waits 100 ms after 30 calls, as a long run would).
    /// </summary>
    public static double Best(Action action, int repeats, int rounds = 5, int warmUpMilliseconds = 300)
    {
        var warmUp = Stopwatch.StartNew();
        do
        {
            action();
        }
        while (warmUp.ElapsedMilliseconds < warmUpMilliseconds);

        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < repeats; i++)
            {
                action();
            }

            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds / repeats);
        }

        return best;
    }
}
