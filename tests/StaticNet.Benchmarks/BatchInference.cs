namespace StaticNet.Benchmarks;

/// <summary>
/// `batch-forward`: inference per sample at batch 1,024, one thread: the one-sample <c>Forward</c> in a loop, the batch
/// <c>Forward</c> (the mini-batch passes in inference mode), and ONNX Runtime given the same batch (the network exported by
/// StaticNet.Onnx); for MNIST 784-128-10 also GFLOP/s against this machine's one-thread FMA peak. Best of five timed rounds.
/// </summary>
internal static class BatchInference
{
    private const int Batch = 1_024;

    public static void Report()
    {
        double peak = FmaPeak.OneThread();
        Console.WriteLine($"One thread, batch {Batch}; FMA peak {peak:F1} GFLOP/s");
        Measure("Iris 4-10-10-3", new IrisNet(1), 4 * 10 + 10 * 10 + 10 * 3, peak);
        Measure("MNIST 784-128-10", new MnistNet(1), 784 * 128 + 128 * 10, peak);
    }

    private static void Measure(string name, INetwork net, int macs, double peak)
    {
        var random = new SeededRandom(3);
        float[] inputs = [.. Enumerable.Range(0, Batch * net.InputSize).Select(_ => random.NextSingle())];
        var outputs = new float[Batch * net.OutputSize];
        int repeats = Math.Max(3, 20_000_000 / (Batch * macs));
        double one = Time(
            () =>
            {
                for (int s = 0; s < Batch; s++)
                {
                    net.Forward(inputs.AsSpan(s * net.InputSize, net.InputSize), outputs.AsSpan(s * net.OutputSize, net.OutputSize));
                }
            },
            repeats) / Batch;
        double batched = Time(() => net.Forward(inputs, outputs, Batch), repeats) / Batch;
        double onnx = OnnxRuntime(net, inputs, repeats) / Batch;
        Console.WriteLine($"{name}: one-sample Forward {one * 1e9:F1} ns/sample, batch Forward {batched * 1e9:F1} ns/sample ({batched / one:F2}× the one-sample time, {macs * 2 / batched / 1e9:F1} GFLOP/s = {macs * 2 / batched / 1e9 / peak:P0} of peak), ONNX Runtime {onnx * 1e9:F1} ns/sample ({onnx / batched:F1}× StaticNet's batch)");
    }

    private static double OnnxRuntime(INetwork net, float[] inputs, int repeats)
    {
        using var peer = new OnnxPeer(net, "batch-forward");
        return peer.Time(inputs, [Batch, net.InputSize], net.OutputSize, repeats, warmUpMilliseconds: 300);
    }

    private static double Time(Action action, int repeats) => Timing.Best(action, repeats);
}
