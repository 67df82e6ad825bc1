using StaticNet.Generated;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>GaussianNoise: additive N(0, stddev²) noise in training only, drawn from the workspace's seeded stream.</summary>
public class GaussianNoiseTests
{
    [Fact]
    public void Draws_are_standard_normal_and_replay_from_the_seed()
    {
        var noise = new float[1_000_001]; // odd: the last pair's sine is unused
        GaussianNoiseReference.FillStandardNormal(noise, new SeededRandom(1));
        double mean = noise.Average(v => (double)v);
        double variance = noise.Average(v => ((double)v - mean) * ((double)v - mean));
        Assert.InRange(mean, -0.005, 0.005);       // 5 standard errors
        Assert.InRange(variance, 0.993, 1.007);    // 5 standard errors of a normal sample's variance
        Assert.InRange(noise.Count(v => Math.Abs(v) > 1.959964f) / (double)noise.Length, 0.049, 0.051);

        var again = new float[noise.Length];
        GaussianNoiseReference.FillStandardNormal(again, new SeededRandom(1));
        Assert.Equal(noise, again);

        // Two values per pair of uniform doubles: the stream moves on by exactly that many draws.
        var random = new SeededRandom(3);
        var expected = new SeededRandom(3);
        GaussianNoiseReference.FillStandardNormal(new float[7], random);
        for (int k = 0; k < 8; k++)
        {
            expected.NextUInt64();
        }

        Assert.Equal(expected.NextUInt64(), random.NextUInt64());
    }

    [Fact]
    public void Noise_is_the_identity_in_inference()
    {
        INetwork net = new NoiseNet(seed: 2);
        var (inputs, targets) = Batch(net, 6, seed: 3);
        double[] theta = Doubles(net.Parameters);
        var output = new float[net.OutputSize];
        double[] expected = ReferenceMlp.Outputs(net, theta, [], Doubles(inputs), 6, training: false, masks: null);
        for (int s = 0; s < 6; s++)
        {
            net.Forward(inputs.AsSpan(s * 4, 4), output);
            for (int j = 0; j < output.Length; j++)
            {
                Assert.Equal(expected[s * 2 + j], output[j], 1e-5);
            }
        }

        float loss = net.ComputeLoss(inputs, targets, 6, new float[6 * net.OutputSize], net.CreateWorkspace(6));
        Assert.Equal(ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), 6, training: false, masks: null), loss, 1e-4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(29)]
    public void Gradient_matches_finite_differences_with_the_noise_fixed(int count)
    {
        INetwork net = new NoiseNet(seed: 4);
        var (inputs, targets) = Batch(net, count, seed: 5);
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, count, gradient, new float[count * net.OutputSize], net.CreateWorkspace(count, seed: 11));

        Dictionary<int, float[]> noise = Draws(net, count, seed: 11);
        Assert.Equal([0, 2], noise.Keys);
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), count, training: true, masks: l => noise[l]);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, Math.Max(1e-5 * Math.Abs(loss), 1e-5));
        Assert.NotEqual(ReferenceMlp.BatchLoss(net, parameters, [], Doubles(inputs), Doubles(targets), count, training: false, masks: null), loss, 1e-3);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, $"NoiseNet, {count} samples");
    }

    [Fact]
    public void Input_dropout_then_noise_last_draw_in_layer_order_from_one_stream()
    {
        INetwork net = new InputDropoutNoiseOutputNet(seed: 3);
        var (inputs, targets) = Batch(net, 8, seed: 4);
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, 8, gradient, new float[8 * net.OutputSize], net.CreateWorkspace(8, seed: 9));
        Dictionary<int, float[]> draws = Draws(net, 8, seed: 9);
        Assert.Equal([0, 2], draws.Keys);
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), 8, training: true, masks: l => draws[l]);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, "InputDropoutNoiseOutputNet");
    }

    [Fact]
    public void A_workspace_out_of_training_mode_adds_no_noise_and_fit_is_deterministic_per_seed()
    {
        INetwork net = new NoiseNet(seed: 6);
        var (inputs, targets) = Batch(net, 8, seed: 7);
        TrainingWorkspace workspace = net.CreateWorkspace(8, seed: 1);
        workspace.Training = false;
        float loss = net.TrainBatch(inputs, targets, 8, new float[net.ParameterCount], new float[8 * net.OutputSize], workspace);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(ReferenceMlp.BatchLoss(net, parameters, [], Doubles(inputs), Doubles(targets), 8, training: false, masks: null), loss, 1e-4);

        var random = new SeededRandom(3);
        float[] x = Enumerable.Range(0, 96 * 4).Select(_ => (float)random.NextGaussian()).ToArray();
        float[] y = Enumerable.Range(0, 96 * 2).Select(_ => (float)random.NextGaussian()).ToArray();
        var data = new Dataset(x, y, featureCount: 4, targetSize: 2);
        float[] Train(int seed)
        {
            INetwork fresh = new NoiseNet(seed: 1);
            fresh.Fit(data, epochs: 3, batchSize: 16, optimizer: new Adam(0.01f), seed: seed);
            return fresh.Parameters.ToArray();
        }

        Assert.Equal(Train(4), Train(4));
        Assert.NotEqual(Train(4), Train(5));
    }

    [Fact]
    public void Layer_info_describes_gaussian_noise()
    {
        var noise = Assert.IsType<GaussianNoiseLayerInfo>(NoiseNet.Layers[0]);
        Assert.Equal(("gaussian_noise_1", "GaussianNoise", 0.5f, 4, 4), (noise.Name, noise.Type, noise.Stddev, noise.InputSize, noise.OutputSize));
        Assert.Empty(noise.Parameters);
        Assert.Equal("GaussianNoise(0.2)", NoiseNet.Layers[2].Describe());
        Assert.Matches(@"\n gaussian_noise_1 \(GaussianNoise\) +\(None, 4\) +0\n", NoiseNet.Summary());
    }
}
