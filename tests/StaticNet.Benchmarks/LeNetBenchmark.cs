using System.Diagnostics;
using StaticNet;

namespace StaticNet.Benchmarks;

/// <summary>LeNet-5 as SimpleChains.jl publishes it (44,426 parameters).</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(6, 5, 5, Activation.ReLU)]
[MaxPooling2D(2, 2)]
[Conv2D(16, 5, 5, Activation.ReLU)]
[MaxPooling2D(2, 2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet5;

/// <summary>
/// `lenet`: LeNet-5's training step at batch 32 (TrainBatch, gradient mean and Adam as Fit runs them), one-sample and
/// batched inference, in ns per sample and as GFLOP/s of its 1.52 MFLOP forward and backward per sample (multiply-adds
/// counted as two), to set beside `fma-peak` and beside PyTorch's `peers.py` on the same machine.
/// </summary>
internal static class LeNetBenchmark
{
    /// <summary>Multiply-adds of one sample's forward pass: conv1 24·24·25·6, conv2 8·8·150·16, dense 256·120 + 120·84 + 84·10.</summary>
    private const double ForwardMacs = 24 * 24 * 25 * 6 + 8 * 8 * 150 * 16 + 256 * 120 + 120 * 84 + 84 * 10;

    /// <summary>
    /// Multiply-adds of one sample's training step: the forward pass, every layer's weight gradient (as many again), and
    /// every input gradient but the first convolution's, which nothing needs (1.52 MFLOP, multiply-adds counted as two).
    /// </summary>
    private const double TrainingMacs = 2 * ForwardMacs + (ForwardMacs - 24 * 24 * 25 * 6);

    public static void Report(bool trainOnly = false)
    {
        var random = new SeededRandom(1);
        const int Batch = 32;
        float[] inputs = Enumerable.Range(0, Batch * 784).Select(_ => random.NextSingle()).ToArray();
        float[] targets = Enumerable.Range(0, Batch).Select(_ => (float)random.NextInt(10)).ToArray();
        var net = new LeNet5(seed: 1);
        TrainingWorkspace workspace = net.CreateWorkspace(Batch);
        var gradient = new float[LeNet5.ParameterCount];
        var predictions = new float[Batch * 10];
        var adam = new Adam(0.001f);
        var output = new float[10];

        // One untimed call, then the best of five rounds (LeNet's steps are long enough that tiering does not matter here).
        double Time(Action action, int repeats) => Timing.Best(action, repeats, warmUpMilliseconds: 0);

        double step = Time(
            () =>
            {
                Array.Clear(gradient);
                net.TrainBatch(inputs, targets, Batch, gradient, predictions, workspace);
                System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, 1f / Batch, gradient);
                adam.Step(net.Parameters, gradient);
            },
            20);
        if (trainOnly)
        {
            // For a profiler: only training steps, for about ten seconds.
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 10)
            {
                net.TrainBatch(inputs, targets, Batch, gradient, predictions, workspace);
            }

            Console.WriteLine($"LeNet-5 training, batch 32: {step / Batch * 1e9:N0} ns/sample");
            return;
        }

        double forward = Time(() => net.Forward(inputs.AsSpan(0, 784), output), 500);
        var outputs = new float[Batch * 10];
        double batched = Time(() => net.Forward(inputs, outputs, Batch), 20);
        Console.WriteLine($"LeNet-5 ({LeNet5.ParameterCount:N0} parameters), {Environment.ProcessorCount} cores visible, one thread:");
        Console.WriteLine($"  training, batch 32: {step / Batch * 1e9:N0} ns/sample, {TrainingMacs * 2 / (step / Batch) / 1e9:F2} GFLOP/s");
        Console.WriteLine($"  one-sample Forward: {forward * 1e9:N0} ns, {ForwardMacs * 2 / forward / 1e9:F2} GFLOP/s");
        Console.WriteLine($"  batched Forward (32): {batched / Batch * 1e9:N0} ns/sample");
        Console.WriteLine($"  a 60,000-sample epoch at this speed: {step / Batch * 60_000:F1} s");

        // ONNX Runtime on the same network exported by StaticNet.Onnx, one sample and a batch of 32.
        using var peer = new OnnxPeer(net, "lenet");
        double onnxOne = peer.Time(inputs[..784], [1, 28, 28, 1], 10, 500, warmUpMilliseconds: 0);
        double onnxBatch = peer.Time(inputs, [Batch, 28, 28, 1], 10, 20, warmUpMilliseconds: 0);
        Console.WriteLine($"  ONNX Runtime, one thread: one sample {onnxOne * 1e9:N0} ns ({onnxOne / forward:F1}× StaticNet's), batch 32 {onnxBatch / Batch * 1e9:N0} ns/sample");
    }
}
