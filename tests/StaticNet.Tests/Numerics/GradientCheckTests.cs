namespace StaticNet.Tests.Numerics;

/// <summary>
/// The generated backward pass against central finite differences of an independent double-precision reference
/// (<see cref="ReferenceMlp"/>), for every test network (every activation × loss, widths 1 to 33, depth 1 to 5, both code strategies).
/// </summary>
public class GradientCheckTests
{
    // Tolerance, stated: each gradient element g (float32 code) must satisfy |g − fd| ≤ 1e-3 · max(|fd|, 1e-3 · max|fd|, 1e-6),
    // where fd is the central difference (step 1e-6) of the double-precision reference loss. The floor keeps elements that
    // are nearly zero by cancellation from demanding more than float32 precision of their summands.
    private const double RelativeTolerance = 1e-3;
    private const double Step = 1e-6;

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Generated_gradient_matches_central_differences(string name)
    {
        for (int trial = 0; trial < 3; trial++)
        {
            INetwork network = NetworkCases.Create(name, seed: 10 + trial);
            var random = new SeededRandom(100 + trial);
            float[] input = NetworkCases.Input(network, random);
            float[] target = NetworkCases.Target(network, random);

            var gradient = new float[network.ParameterCount];
            var prediction = new float[network.OutputSize];
            float loss = network.TrainStep(input, target, gradient, prediction);

            double[] theta = network.Parameters.ToArray().Select(p => (double)p).ToArray();
            double[] x = input.Select(v => (double)v).ToArray();
            double[] y = target.Select(v => (double)v).ToArray();
            double referenceLoss = ReferenceMlp.Loss(network, theta, x, y);
            Assert.Equal(referenceLoss, loss, Math.Max(1e-5 * Math.Abs(referenceLoss), 1e-6));

            var fd = new double[theta.Length];
            for (int k = 0; k < theta.Length; k++)
            {
                double saved = theta[k];
                theta[k] = saved + Step;
                double plus = ReferenceMlp.Loss(network, theta, x, y);
                theta[k] = saved - Step;
                double minus = ReferenceMlp.Loss(network, theta, x, y);
                theta[k] = saved;
                fd[k] = (plus - minus) / (2 * Step);
            }

            double largest = fd.Max(Math.Abs);
            Assert.True(largest > 0, $"{name}: the reference gradient is identically zero, so the check would prove nothing.");
            for (int k = 0; k < theta.Length; k++)
            {
                double scale = Math.Max(Math.Abs(fd[k]), Math.Max(1e-3 * largest, 1e-6));
                double error = Math.Abs(gradient[k] - fd[k]) / scale;
                Assert.True(
                    error < RelativeTolerance,
                    $"{name}, trial {trial}, parameter {k} ({Where(network, k)}): generated {gradient[k]:G9}, finite difference {fd[k]:G9}, relative error {error:G3}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Generated_forward_matches_the_double_precision_reference(string name)
    {
        INetwork network = NetworkCases.Create(name, seed: 3);
        var random = new SeededRandom(7);
        double[] theta = network.Parameters.ToArray().Select(p => (double)p).ToArray();
        var output = new float[network.OutputSize];
        for (int trial = 0; trial < 5; trial++)
        {
            float[] input = NetworkCases.Input(network, random);
            network.Forward(input, output);
            double[] expected = ReferenceMlp.Output(network, theta, input.Select(v => (double)v).ToArray());
            for (int j = 0; j < output.Length; j++)
            {
                Assert.True(
                    Math.Abs(output[j] - expected[j]) <= 1e-5 * Math.Abs(expected[j]) + 1e-6,
                    $"{name}, output {j}: generated {output[j]:G9}, reference {expected[j]:G9}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Train_step_adds_into_the_gradient_and_predicts_what_forward_predicts(string name)
    {
        INetwork network = NetworkCases.Create(name);
        var random = new SeededRandom(5);
        float[] input = NetworkCases.Input(network, random);
        float[] target = NetworkCases.Target(network, random);
        var once = new float[network.ParameterCount];
        var twice = new float[network.ParameterCount];
        var prediction = new float[network.OutputSize];
        var output = new float[network.OutputSize];

        float first = network.TrainStep(input, target, once, prediction);
        network.TrainStep(input, target, twice, prediction);
        float second = network.TrainStep(input, target, twice, prediction);
        network.Forward(input, output);

        Assert.Equal(first, second);
        for (int k = 0; k < once.Length; k++)
        {
            Assert.Equal(2 * once[k], twice[k], Math.Abs(once[k]) * 1e-6f);
        }

        for (int j = 0; j < output.Length; j++)
        {
            Assert.Equal(output[j], prediction[j], 1e-6f);
        }

        Assert.Equal(first, network.ComputeLoss(input, target, prediction));
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Train_batch_sums_what_per_sample_steps_sum(string name)
    {
        // 1, 3 and 5 samples exercise the remainder paths of the 4-sample tiles; 37 spans more than one batch tile.
        foreach (int count in new[] { 1, 3, 5, 37 })
        {
            INetwork network = NetworkCases.Create(name, seed: count);
            var random = new SeededRandom(count);
            float[][] inputs = Enumerable.Range(0, count).Select(_ => NetworkCases.Input(network, random)).ToArray();
            float[][] targets = Enumerable.Range(0, count).Select(_ => NetworkCases.Target(network, random)).ToArray();

            var expected = new float[network.ParameterCount];
            var expectedPredictions = new float[count * network.OutputSize];
            double expectedLoss = 0;
            for (int s = 0; s < count; s++)
            {
                expectedLoss += network.TrainStep(inputs[s], targets[s], expected, expectedPredictions.AsSpan(s * network.OutputSize, network.OutputSize));
            }

            var gradient = new float[network.ParameterCount];
            var predictions = new float[count * network.OutputSize];
            float loss = network.TrainBatch(inputs.SelectMany(x => x).ToArray(), targets.SelectMany(t => t).ToArray(), count, gradient, predictions);

            Assert.Equal(expectedLoss, loss, Math.Max(1e-5 * Math.Abs(expectedLoss), 1e-5));
            float largest = expected.Max(Math.Abs);
            for (int k = 0; k < gradient.Length; k++)
            {
                // Float32 sums of the same terms, possibly associated differently: 1e-5 relative, floored at 1e-6 of the largest.
                Assert.True(
                    Math.Abs(gradient[k] - expected[k]) <= 1e-5 * Math.Max(Math.Abs(expected[k]), 0.1f * largest),
                    $"{name}, {count} samples, parameter {k} ({Where(network, k)}): batch {gradient[k]:G9}, per sample {expected[k]:G9}");
            }

            for (int j = 0; j < predictions.Length; j++)
            {
                Assert.Equal(expectedPredictions[j], predictions[j], 1e-6f);
            }
        }
    }

    internal static string Where(INetwork network, int index)
    {
        foreach (LayerInfo layer in network.Layers)
        {
            foreach (ParameterInfo tensor in layer.Parameters.Where(p => p.Trainable))
            {
                if (index >= tensor.Offset && index < tensor.Offset + tensor.Size)
                {
                    int k = index - tensor.Offset;
                    return tensor.Shape.Count == 2 ? $"{layer.Name} {tensor.Name} [{k / tensor.Shape[1]}, {k % tensor.Shape[1]}]" : $"{layer.Name} {tensor.Name} [{k}]";
                }
            }
        }

        return "?";
    }
}
