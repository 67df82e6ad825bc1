using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace StaticNet.Benchmarks;

/// <summary>
/// Measures fused multiply-add throughput in 256-bit and (where accelerated) 512-bit vectors: eight independent chains per
/// thread, enough to keep two FMA pipes busy.
/// </summary>
internal static class FmaPeak
{
    private const long Iterations = 200_000_000;

    public static void Report()
    {
        Report(256, Chains256);
        if (Vector512.IsHardwareAccelerated)
        {
            Report(512, Chains512);
        }
    }

    /// <summary>One thread's peak in GFLOP/s at the widest accelerated width (a multiply-add counted as two).</summary>
    public static double OneThread()
    {
        (int bits, Func<long, float> chains) = Vector512.IsHardwareAccelerated ? (512, (Func<long, float>)Chains512) : (256, Chains256);
        Run(1_000, 1, chains);
        const long Count = 50_000_000;
        var stopwatch = Stopwatch.StartNew();
        Run(Count, 1, chains);
        return Count * 8.0 * (bits / 32) * 2 / stopwatch.Elapsed.TotalSeconds / 1e9;
    }

    private static void Report(int bits, Func<long, float> chains)
    {
        Run(1_000, 1, chains);
        for (int threads = 1; threads <= Environment.ProcessorCount; threads++)
        {
            var stopwatch = Stopwatch.StartNew();
            float checksum = Run(Iterations, threads, chains);
            double flops = threads * Iterations * 8.0 * (bits / 32) * 2;
            Console.WriteLine($"{bits}-bit, {threads} thread(s): {flops / stopwatch.Elapsed.TotalSeconds / 1e9:F1} GFLOP/s (checksum {checksum:G3})");
        }
    }

    private static float Run(long iterations, int threads, Func<long, float> chains)
    {
        var results = new float[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() => results[t] = chains(iterations))).ToArray();
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        return results.Sum();
    }

    private static float Chains256(long iterations)
    {
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector256<float> m = Vector256.Create(0.999999f), c = Vector256.Create(1e-7f);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7).GetElement(0);
    }

    private static float Chains512(long iterations)
    {
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> m = Vector512.Create(0.999999f), c = Vector512.Create(1e-7f);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c);
            a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c);
            a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c);
            a7 = Vector512.FusedMultiplyAdd(a7, m, c);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7).GetElement(0);
    }
}
