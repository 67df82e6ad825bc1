using System.Numerics.Tensors;

namespace StaticNet.Benchmarks;

/// <summary>
/// Where a batch-32 training step's time goes, per network: the generated <c>TrainBatch</c>, the gradient's mean, the
/// Adam step, and the Adam step that scales the gradient itself (best of several timed rounds, after warm-up). A guide for optimisation; the ratios that matter are in the
/// BenchmarkDotNet tables.
/// </summary>
internal static class Breakdown
{
    private const int Batch = 32;

    public static void Report()
    {
        foreach (string name in Workload.Names)
        {
            var workload = Workload.Create(name);
            INetwork net = workload.Network;
            var inputs = new float[Batch * net.InputSize];
            var targets = new float[Batch];
            for (int k = 0; k < Batch; k++)
            {
                workload.Inputs[k].CopyTo(inputs, k * net.InputSize);
                targets[k] = workload.Targets[k];
            }

            var gradient = new float[net.ParameterCount];
            var predictions = new float[Batch * net.OutputSize];
            var adam = new Adam(1e-6f);
            int rounds = Math.Max(200, 2_000_000 / net.ParameterCount);
            double trainBatch = Best(rounds, () =>
            {
                Array.Clear(gradient);
                net.TrainBatch(inputs, targets, Batch, gradient, predictions);
            });

            // The mean and Adam read a real batch's gradient, kept fixed so that repeating them cannot drift into
            // subnormal numbers (which would time the processor's slow path instead of the code).
            float[] sum = gradient.ToArray();
            double mean = Best(rounds, () => TensorPrimitives.Multiply(sum, 1f / Batch, gradient));
            double step = Best(rounds, () => adam.Step(net.Parameters, gradient));
            double fused = Best(rounds, () => adam.Step(net.Parameters, gradient, 1f / Batch));
            // A whole Fit over the same 256 samples (8 batches an epoch), per sample: what Fit adds to TrainBatch and Adam
            // (gathering the batch's rows, accuracy, the shuffle, per-epoch logs and checks).
            var data = new Dataset(
                workload.Inputs.SelectMany(x => x).ToArray(), workload.Targets.ToArray(), net.InputSize, classCount: net.Loss == Loss.MeanSquaredError ? null : net.OutputSize);
            int epochs = Math.Max(20, 20_000_000 / (net.ParameterCount * data.Count)); // enough epochs that the setup (buffers, Adam's moments) is a small share
            double fit = Best(1, () => net.Fit(data, epochs: epochs, batchSize: Batch, optimizer: new Adam(1e-6f), seed: 1, verbose: 0)) / (epochs * data.Count);
            Console.WriteLine($"{name}: TrainBatch (with clearing the gradient) {trainBatch / Batch:F1} ns/sample, mean {mean / Batch:F1}, Adam {step / Batch:F1}, Adam with the mean folded in (as Fit runs it) {fused / Batch:F1}; a whole Fit {fit:F1} ns/sample, of which Fit's own work {fit - trainBatch / Batch - fused / Batch:F1}");
        }
    }

    /// <summary>Nanoseconds per call: best of seven rounds, after half a second of warm-up (the library's loops tier up in it).</summary>
    private static double Best(int rounds, Action action) => Timing.Best(action, rounds, rounds: 7, warmUpMilliseconds: 500) * 1e9;
}
