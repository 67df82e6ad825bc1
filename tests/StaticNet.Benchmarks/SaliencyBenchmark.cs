using System.Diagnostics;
using System.Globalization;
using StaticNet;

namespace StaticNet.Benchmarks;

/// <summary>
/// <c>saliency</c>: one sample's <c>InputGradient</c> (the inference pass, then input gradients only) for the Iris and
/// MNIST 784-128-10 networks, the gradient of the predicted class's probability, in nanoseconds a call: the median of
/// seven timed rounds of a fixed number of calls after a warm-up long enough for tiered compilation.
/// </summary>
internal static class SaliencyBenchmark
{
    public static void Report()
    {
        Measure("Iris 4-10-10-3", new IrisNet(1), calls: 400_000);
        Measure("MNIST 784-128-10", new MnistNet(1), calls: 20_000);
    }

    private static void Measure(string name, INetwork network, int calls)
    {
        var random = new SeededRandom(3);
        float[] input = Enumerable.Range(0, network.InputSize).Select(_ => random.NextSingle()).ToArray();
        var gradient = new float[network.InputSize];
        for (int i = 0; i < calls; i++)
        {
            network.InputGradient(input, i % network.OutputSize, gradient); // warm-up: past tier 0
        }

        var rounds = new double[7];
        for (int r = 0; r < rounds.Length; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                network.InputGradient(input, i % network.OutputSize, gradient);
            }

            rounds[r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
        }

        Array.Sort(rounds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: InputGradient {rounds[3]:F1} ns a call (fastest round {rounds[0]:F1})"));
    }
}
