using System.Diagnostics;

namespace StaticNet.Benchmarks;

/// <summary>
/// `first-fit`: what a new user times. In this fresh process, the same <c>Fit</c> four times over (a new network each
/// time): the Iris recipe (100 epochs of 120 samples, Adam 0.01, batch 32), and MNIST 784-128-10 on 4,096 real digits for 5
/// epochs with a validation split and accuracy. The first run pays for JIT compilation (reported apart, from
/// <c>JitInfo.GetCompilationTime</c>) and for any loop left unoptimised (tier 0) until tiered compilation promotes it; the
/// fourth is warm.
/// </summary>
internal static class FirstFit
{
    public static void Report()
    {
        Dataset iris = Csv.Load(Path.Combine(AppContext.BaseDirectory, "iris.csv"), "species", classCount: 3);
        (Dataset train, _) = iris.TrainTestSplit(0.2, seed: 42);
        train = StandardScaler.Fit(train).Transform(train);
        Dataset digits = LongRun.LoadDigits();
        Dataset first = digits.Select(Enumerable.Range(0, 4_096).ToArray());
        var mnist = new Dataset(first.Features.ToArray(), first.Targets.ToArray(), featureCount: 784, classCount: 10); // flat rows
        Repeat("Iris recipe", () => new IrisNet(42).Fit(train, epochs: 100, batchSize: 32, optimizer: new Adam(0.01f), seed: 42, verbose: 0));
        Repeat("MNIST 784-128-10, 4,096 digits, 5 epochs", () => new MnistNet(1).Fit(mnist, epochs: 5, batchSize: 32, optimizer: new Adam(0.001f), seed: 1, validationSplit: 0.2, verbose: 0));
    }

    private static void Repeat(string name, Action fit)
    {
        var times = new double[4];
        double firstJit = 0;
        for (int run = 0; run < times.Length; run++)
        {
            TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
            var stopwatch = Stopwatch.StartNew();
            fit();
            times[run] = stopwatch.Elapsed.TotalMilliseconds;
            if (run == 0)
            {
                firstJit = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jit).TotalMilliseconds;
            }
        }

        Console.WriteLine($"{name}: Fit 1 {times[0]:F1} ms (of which JIT compilation {firstJit:F1} ms), 2 {times[1]:F1}, 3 {times[2]:F1}, 4 {times[3]:F1}; first / fourth {times[0] / times[3]:F2}, without the JIT time {(times[0] - firstJit) / times[3]:F2}");
    }
}
