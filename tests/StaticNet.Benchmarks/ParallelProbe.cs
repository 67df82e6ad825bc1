using System.Diagnostics;

namespace StaticNet.Benchmarks;

/// <summary>
/// Whether this machine's cores give a fork/join speed-up at the grain of one training batch: Parallel.For over the
/// processors, each doing about 70 µs of register-only arithmetic (no memory traffic, nothing shared), against the same
/// work on one thread, in several rounds. Where this is not near the processor count, no training loop can be either.
/// </summary>
internal static class ParallelProbe
{
    private const int Rounds = 5;
    private const int Repeats = 2_000;

    public static void Report()
    {
        int workers = Environment.ProcessorCount;
        var results = new double[workers];
        double sink = 0;
        for (int round = 1; round <= Rounds; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < Repeats; i++)
            {
                Parallel.For(0, workers, w => results[w] += Work());
            }

            double parallel = stopwatch.Elapsed.TotalMicroseconds / Repeats;
            stopwatch.Restart();
            for (int i = 0; i < Repeats; i++)
            {
                for (int w = 0; w < workers; w++)
                {
                    sink += Work();
                }
            }

            double serial = stopwatch.Elapsed.TotalMicroseconds / Repeats;
            Console.WriteLine($"round {round}: {workers} × work on {workers} threads {parallel:F1} µs, on one {serial:F1} µs: {serial / parallel:F2}×");
        }

        Console.WriteLine($"(checksum {sink + results.Sum():G3})");
    }

    private static double Work()
    {
        double x = 1;
        for (int k = 0; k < 40_000; k++)
        {
            x = (x * 1.0000001) + 1e-9;
        }

        return x;
    }
}
