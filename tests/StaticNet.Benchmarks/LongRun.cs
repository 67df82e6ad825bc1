using System.Diagnostics;

namespace StaticNet.Benchmarks;

/// <summary>
/// `long-run`: MNIST 784-128-10 trained with Adam (batch 32) on the 8,000 real digits of samples/Mnist for 20,000 steps, as a
/// user trains for 80 epochs. Reports µs per sample of the generated TrainBatch and of Adam's step over the first 100 steps
/// and over two windows of the steady state (steps 2,000–2,500 and 19,500–20,000), and how many subnormal floats the
/// parameters and Adam's moments hold at the end. MNIST's border pixels are 0 in every digit, so the weights they feed
/// get a zero gradient at every step and Adam's moments for them decay geometrically (m by 0.9 a step): a processor that
/// takes a microcode assist per subnormal operand (Intel's) slows down once they leave float's normal range.
/// </summary>
internal static class LongRun
{
    private const int Batch = 32;
    private const int Steps = 20_000;
    private static readonly (int Start, int End)[] Windows = [(0, 100), (2_000, 2_500), (19_500, 20_000)];

    public static void Report()
    {
        Dataset digits = LoadDigits();
        var net = new MnistNet(seed: 1);
        var adam = new Adam(0.001f);
        int count = 8_000;
        var order = Enumerable.Range(0, count).ToArray();
        var random = new SeededRandom(42);
        var inputs = new float[Batch * MnistNet.InputSize];
        var targets = new float[Batch];
        var gradient = new float[MnistNet.ParameterCount];
        var predictions = new float[Batch * MnistNet.OutputSize];
        var trainTicks = new long[Steps];
        var adamTicks = new long[Steps];
        int position = count;
        long subnormalProbabilities = 0;
        for (int step = 0; step < Steps; step++)
        {
            if (position + Batch > count)
            {
                random.Shuffle(order);
                position = 0;
            }

            for (int k = 0; k < Batch; k++)
            {
                int row = order[position + k];
                digits.FeaturesOf(row).CopyTo(inputs.AsSpan(k * MnistNet.InputSize));
                targets[k] = digits.TargetOf(row)[0];
            }

            position += Batch;
            long start = Stopwatch.GetTimestamp();
            Array.Clear(gradient);
            net.TrainBatch(inputs, targets, Batch, gradient, predictions);
            long trained = Stopwatch.GetTimestamp();
            adam.Step(net.Parameters, gradient, 1f / Batch);
            long stepped = Stopwatch.GetTimestamp();
            trainTicks[step] = trained - start;
            subnormalProbabilities += Subnormals.Count(predictions);
            adamTicks[step] = stepped - trained;
        }

        Console.WriteLine($"MNIST 784-128-10, Adam 0.001, batch 32, {Steps} steps over 8,000 real digits; µs per sample (median step in each window)");
        foreach ((int first, int end) in Windows)
        {
            Console.WriteLine($"  steps {first + 1,5}–{end,5}: TrainBatch {Median(trainTicks, first, end):F2}, Adam {Median(adamTicks, first, end):F2}, step {Median(trainTicks, first, end) + Median(adamTicks, first, end):F2}");
        }

        Console.WriteLine($"  subnormal floats at the end: parameters {Subnormals.Count(net.Parameters)}, Adam m {Subnormals.Count(adam.FirstMoment)}, Adam v {Subnormals.Count(adam.SecondMoment)} (of {MnistNet.ParameterCount} each); subnormal probabilities predicted over the run {subnormalProbabilities} (of {(long)Steps * Batch * MnistNet.OutputSize})");
    }

    private static double Median(long[] ticks, int first, int end)
    {
        long[] window = ticks[first..end];
        Array.Sort(window);
        return window[window.Length / 2] * 1e6 / Stopwatch.Frequency / Batch;
    }

    /// <summary>samples/Mnist's 10,000 digits, found by walking up from the benchmark's folder to the repository.</summary>
    internal static Dataset LoadDigits()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string data = Path.Combine(folder.FullName, "samples", "Mnist", "data");
            if (Directory.Exists(data))
            {
                return Idx.LoadDataset(Path.Combine(data, "mnist-10k-images-idx3-ubyte.gz"), Path.Combine(data, "mnist-10k-labels-idx1-ubyte.gz"));
            }
        }

        throw new DirectoryNotFoundException("samples/Mnist/data not found above " + AppContext.BaseDirectory);
    }
}
