using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>Dropout: inverted, active only in training, seeded through the workspace (and so through Fit's seed).</summary>
public class DropoutTests
{
    [Fact]
    public void Masks_keep_one_minus_the_rate_and_scale_what_they_keep()
    {
        var mask = new float[1_000_000];
        DropoutReference.FillMask(mask, 0.3f, new SeededRandom(1));
        double dropped = mask.Count(m => m == 0f) / (double)mask.Length;
        Assert.InRange(dropped, 0.3 - 0.002, 0.3 + 0.002); // 4.4 standard deviations of a binomial fraction
        Assert.All(mask.Where(m => m != 0f).Take(1000), m => Assert.Equal((float)(1 / 0.7), m));
        Assert.InRange(mask.Average(m => (double)m), 0.995, 1.005); // the expected output equals the input

        // Two values per 64-bit draw: the low half decides the first, the high half the second; the vectorised and the
        // scalar paths (lengths past and short of a vector, and across the 512-draw chunks) decide alike.
        foreach (int length in new[] { 2, 7, 16, 1023, 1025 })
        {
            var random = new SeededRandom(7);
            var expected = new SeededRandom(7);
            var values = new float[length];
            DropoutReference.FillMask(values, 0.375f, random);
            for (int k = 0; k < length; k += 2)
            {
                ulong bits = expected.NextUInt64();
                Assert.Equal((bits & 0xFFFF_FFFFUL) < 0xA000_0000UL ? 1.6f : 0f, values[k]);
                if (k + 1 < length)
                {
                    Assert.Equal((bits >> 32) < 0xA000_0000UL ? 1.6f : 0f, values[k + 1]);
                }
            }

            Assert.Equal(expected.NextUInt64(), random.NextUInt64()); // as many draws, no more
        }

        // Bulk draws are the same draws.
        var bulk = new ulong[100];
        new SeededRandom(3).Fill(bulk);
        var one = new SeededRandom(3);
        Assert.All(bulk, v => Assert.Equal(one.NextUInt64(), v));
    }

    [Fact]
    public void Dropout_is_the_identity_in_inference()
    {
        INetwork net = new DropoutNet(seed: 2);
        var (inputs, targets) = Batch(net, 6, seed: 3);
        double[] theta = Doubles(net.Parameters);
        var output = new float[net.OutputSize];
        double[] expected = ReferenceMlp.Outputs(net, theta, [], Doubles(inputs), 6, training: false, masks: null);
        for (int s = 0; s < 6; s++)
        {
            net.Forward(inputs.AsSpan(s * 5, 5), output);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.Equal(expected[s * 3 + j], output[j], 1e-5);
            }
        }

        var predictions = new float[6 * net.OutputSize];
        float loss = net.ComputeLoss(inputs, targets, 6, predictions, net.CreateWorkspace(6));
        Assert.Equal(ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), 6, training: false, masks: null), loss, 1e-4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(29)]
    public void Gradient_matches_finite_differences_with_the_masks_fixed(int count)
    {
        INetwork net = new DropoutNet(seed: 4);
        var (inputs, targets) = Batch(net, count, seed: 5);
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, count, gradient, new float[count * net.OutputSize], net.CreateWorkspace(count, seed: 11));

        Dictionary<int, float[]> masks = Draws(net, count, seed: 11);
        Assert.Contains(masks[1], m => m == 0f);
        Assert.Contains(masks[3], m => m == 2f);
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), count, training: true, masks: l => masks[l]);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, Math.Max(1e-5 * Math.Abs(loss), 1e-5));
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, $"DropoutNet, {count} samples");
    }

    [Fact]
    public void Same_seed_same_masks_another_seed_others_and_the_stream_moves_on()
    {
        INetwork net = new CombinedNet(seed: 1);
        var (inputs, targets) = Batch(net, 16, seed: 2);
        float[] Step(TrainingWorkspace workspace)
        {
            var gradient = new float[net.ParameterCount];
            net.TrainBatch(inputs, targets, 16, gradient, new float[16 * net.OutputSize], workspace);
            return gradient;
        }

        TrainingWorkspace a = net.CreateWorkspace(16, seed: 5), b = net.CreateWorkspace(16, seed: 5), c = net.CreateWorkspace(16, seed: 6);
        float[] first = Step(a);
        Assert.Equal(first, Step(b));
        Assert.NotEqual(first, Step(c));
        Assert.NotEqual(first, Step(a)); // the second step draws new masks

        a.Reseed(5);
        Assert.Equal(first, Step(a));
    }

    [Fact]
    public void A_workspace_out_of_training_mode_drops_nothing()
    {
        INetwork net = new DropoutNet(seed: 6);
        var (inputs, targets) = Batch(net, 8, seed: 7);
        TrainingWorkspace workspace = net.CreateWorkspace(8, seed: 1);
        workspace.Training = false;
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, 8, gradient, new float[8 * net.OutputSize], workspace);
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), 8, training: false, masks: null);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, "DropoutNet, inference mode");
    }

    [Fact]
    public void Rate_zero_is_the_identity_even_in_training_and_a_last_dropout_layer_trains()
    {
        INetwork net = new DropoutEdgesNet(seed: 3);
        Assert.Equal(["dense_1", "dropout_1", "dense_2", "dropout_2"], net.Layers.Select(l => l.Name));
        var (inputs, targets) = Batch(net, 8, seed: 4);
        var gradient = new float[net.ParameterCount];
        var predictions = new float[8 * net.OutputSize];
        float loss = net.TrainBatch(inputs, targets, 8, gradient, predictions, net.CreateWorkspace(8, seed: 9));
        Dictionary<int, float[]> masks = Draws(net, 8, seed: 9);
        Assert.Equal([3], masks.Keys); // only dropout_2 draws
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), 8, training: true, masks: l => masks[l]);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, "DropoutEdgesNet");

        // In inference the output is dense_2's, undropped.
        var output = new float[net.OutputSize];
        net.Forward(inputs.AsSpan(0, 3), output);
        double[] expected = ReferenceMlp.Output(net, parameters, Doubles(inputs.AsSpan(0, 3)));
        Assert.Equal(expected.Select(v => (float)v), output, (x, y) => Math.Abs(x - y) <= 1e-5f);
    }

    [Fact]
    public void Fit_with_dropout_is_deterministic_per_seed_and_worker_count()
    {
        Dataset data = Synthetic(120, 5, 3, seed: 3);
        float[] Train(int seed, int workers)
        {
            INetwork net = new DropoutNet(seed: 1);
            net.Fit(data, epochs: 3, batchSize: 16, optimizer: new Adam(0.01f), seed: seed, degreeOfParallelism: workers);
            return net.Parameters.ToArray();
        }

        Assert.Equal(Train(4, 1), Train(4, 1));
        Assert.Equal(Train(4, 2), Train(4, 2));
        Assert.NotEqual(Train(4, 1), Train(5, 1));
        Assert.NotEqual(Train(4, 1), Train(4, 2)); // each worker draws its own stream
    }

    [Fact]
    public void Layer_info_describes_dropout()
    {
        var dropout = Assert.IsType<DropoutLayerInfo>(DropoutNet.Layers[1]);
        Assert.Equal(("dropout_1", "Dropout", 0.3f, 13, 13), (dropout.Name, dropout.Type, dropout.Rate, dropout.InputSize, dropout.OutputSize));
        Assert.Empty(dropout.Parameters);
        Assert.Contains(" dropout_1 (Dropout)         (None, 13)                0\n", DropoutNet.Summary(), StringComparison.Ordinal);
    }

    /// <summary>Inputs in roughly ±2 and class labels.</summary>
    internal static Dataset Synthetic(int count, int features, int classes, int seed)
    {
        var random = new SeededRandom(seed);
        float[] x = Enumerable.Range(0, count * features).Select(_ => (float)random.NextGaussian()).ToArray();
        float[] y = Enumerable.Range(0, count).Select(_ => (float)random.NextInt(classes)).ToArray();
        return new Dataset(x, y, featureCount: features, classCount: classes);
    }
}
