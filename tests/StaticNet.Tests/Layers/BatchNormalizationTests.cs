using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// BatchNormalization with Keras's semantics: batch statistics in training (the biased variance), moving statistics in
/// inference, the moving ones updated once per training step with the momentum, and a backward pass through the batch
/// statistics.
/// </summary>
public class BatchNormalizationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(50)] // more than a tile of the other networks: batch statistics take the whole batch
    public void Gradient_through_the_batch_statistics_matches_finite_differences(int count)
    {
        INetwork net = new BatchNormNet(seed: 3);
        Assert.True(count <= BatchNormNet.BatchTile || count == 50);
        var (inputs, targets) = Batch(net, count, seed: 4);
        double[] state = ReferenceMlp.State(net);
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, count, gradient, new float[count * net.OutputSize], net.CreateWorkspace(count));

        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, state, Doubles(inputs), Doubles(targets), count, training: true, masks: null);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, Math.Max(1e-5 * Math.Abs(loss), 1e-5));
        if (count > 1)
        {
            // With one sample the batch variance is 0, every normalised value 0 and the gradient through the layer 0: only
            // the loss is worth comparing.
            FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, $"BatchNormNet, {count} samples");
        }
    }

    [Fact]
    public void A_training_step_moves_the_moving_statistics_towards_the_batch_statistics()
    {
        INetwork net = new BatchNormNet(seed: 5);
        var random = new SeededRandom(1);
        for (int k = 0; k < net.NonTrainableParameterCount; k++)
        {
            net.NonTrainableParameters[k] = 0.5f + random.NextSingle();
        }

        double[] before = ReferenceMlp.State(net);
        var (inputs, targets) = Batch(net, 8, seed: 6);
        double[][] layerInputs = ReferenceMlp.LayerInputs(net, Doubles(net.Parameters), before, Doubles(inputs), 8, training: true, masks: null);
        net.TrainBatch(inputs, targets, 8, new float[net.ParameterCount], new float[8 * net.OutputSize], net.CreateWorkspace(8));

        foreach ((int layer, float momentum) in new[] { (1, 0.99f), (3, 0.9f) })
        {
            var norm = (BatchNormalizationLayerInfo)net.Layers[layer];
            Assert.Equal(momentum, norm.Momentum);
            ParameterInfo mean = norm.Parameter("moving_mean"), variance = norm.Parameter("moving_variance");
            Assert.False(mean.Trainable);
            int features = norm.OutputSize;
            for (int f = 0; f < features; f++)
            {
                double[] column = Enumerable.Range(0, 8).Select(s => layerInputs[layer][s * features + f]).ToArray();
                double batchMean = column.Average();
                double batchVariance = column.Average(v => (v - batchMean) * (v - batchMean)); // biased, as Keras
                double expectedMean = before[mean.Offset + f] * momentum + batchMean * (1 - momentum);
                double expectedVariance = before[variance.Offset + f] * momentum + batchVariance * (1 - momentum);
                Assert.Equal(expectedMean, net.NonTrainableParameters[mean.Offset + f], 1e-5 * Math.Max(1, Math.Abs(expectedMean)));
                Assert.Equal(expectedVariance, net.NonTrainableParameters[variance.Offset + f], 1e-5 * Math.Max(1, expectedVariance));
            }
        }
    }

    [Fact]
    public void Inference_normalises_by_the_moving_statistics()
    {
        INetwork net = new BatchNormNet(seed: 7);
        var random = new SeededRandom(2);
        for (int k = 0; k < net.NonTrainableParameterCount; k++)
        {
            net.NonTrainableParameters[k] = 0.1f + random.NextSingle();
        }

        for (int k = 0; k < net.ParameterCount; k++)
        {
            net.Parameters[k] += 0.1f * (float)random.NextGaussian(); // γ ≠ 1, β ≠ 0
        }

        var (inputs, targets) = Batch(net, 5, seed: 8);
        double[] theta = Doubles(net.Parameters), state = ReferenceMlp.State(net);
        double[] expected = ReferenceMlp.Outputs(net, theta, state, Doubles(inputs), 5, training: false, masks: null);
        var output = new float[net.OutputSize];
        for (int s = 0; s < 5; s++)
        {
            net.Forward(inputs.AsSpan(s * 6, 6), output);
            Assert.Equal(expected[s * 2], output[0], 1e-5);
            Assert.Equal(expected[s * 2 + 1], output[1], 1e-5);
        }

        float loss = net.ComputeLoss(inputs, targets, 5, new float[10], net.CreateWorkspace(5));
        Assert.Equal(ReferenceMlp.BatchLoss(net, theta, state, Doubles(inputs), Doubles(targets), 5, training: false, masks: null), loss, 1e-4);
    }

    [Fact]
    public void Out_of_training_mode_a_step_uses_and_keeps_the_moving_statistics()
    {
        INetwork net = new BatchNormNet(seed: 9);
        var random = new SeededRandom(3);
        for (int k = 0; k < net.NonTrainableParameterCount; k++)
        {
            net.NonTrainableParameters[k] = 0.2f + random.NextSingle();
        }

        float[] stateBefore = net.NonTrainableParameters.ToArray();
        var (inputs, targets) = Batch(net, 8, seed: 10);
        TrainingWorkspace workspace = net.CreateWorkspace(8);
        workspace.Training = false;
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, 8, gradient, new float[16], workspace);
        Assert.Equal(stateBefore, net.NonTrainableParameters.ToArray());

        double[] state = ReferenceMlp.State(net);
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, state, Doubles(inputs), Doubles(targets), 8, training: false, masks: null);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, "BatchNormNet, frozen statistics");
    }

    [Fact]
    public void Parameters_are_gamma_and_beta_trainable_and_the_moving_statistics_not()
    {
        var norm = Assert.IsType<BatchNormalizationLayerInfo>(BatchNormNet.Layers[3]);
        Assert.Equal(("batch_normalization_2", 0.9f, 0.01f), (norm.Name, norm.Momentum, norm.Epsilon));
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], norm.Parameters.Select(p => p.Name));
        Assert.Equal([true, true, false, false], norm.Parameters.Select(p => p.Trainable));
        Assert.Equal((14, 14), (norm.ParameterCount, norm.NonTrainableParameterCount));

        var net = new BatchNormNet(seed: 1);
        Assert.Equal(2 * (11 + 7), BatchNormNet.NonTrainableParameterCount);
        Assert.Equal(6 * 11 + 11 + 22 + 11 * 7 + 7 + 14 + 7 * 2 + 2, BatchNormNet.ParameterCount);
        Assert.All(net.BatchNormalization1Gamma.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(net.BatchNormalization1Beta.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(net.BatchNormalization1MovingMean.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(net.BatchNormalization1MovingVariance.ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(11, BatchNormNet.BatchNormalization1MovingVarianceOffset);

        string summary = BatchNormNet.Summary();
        Assert.Matches(@"(?m)^ batch_normalization_1 \(BatchNormalization\) +\(None, 11\) +44$", summary);
        Assert.Matches(@"(?m)^ dense_1 \(Dense\) +\(None, 11\) +77$", summary);
        Assert.Contains("Total params: 249\nTrainable params: 213\nNon-trainable params: 36\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_trains_and_updates_the_moving_statistics_deterministically_on_one_and_two_workers()
    {
        var random = new SeededRandom(4);
        float[] x = Enumerable.Range(0, 256 * 6).Select(_ => 3f + 2f * (float)random.NextGaussian()).ToArray();
        float[] y = Enumerable.Range(0, 256 * 2).Select(k => x[k / 2 * 6] * (k % 2 == 0 ? 0.5f : -0.25f)).ToArray();
        var data = new Dataset(x, y, featureCount: 6, targetSize: 2);
        (float[] Parameters, float[] State, double First, double Last, double Evaluated) Train(int workers)
        {
            INetwork net = new BatchNormNet(seed: 2);
            var history = net.Fit(data, epochs: 20, batchSize: 32, optimizer: new Adam(0.01f), seed: 3, degreeOfParallelism: workers);
            return (net.Parameters.ToArray(), net.NonTrainableParameters.ToArray(), history[0].Loss, history[^1].Loss, net.Evaluate(data).Loss);
        }

        // Two workers normalise each half batch by its own statistics (as Keras's replicas do without synchronisation)
        // and average their moving statistics, so they train a little differently from one; both must learn.
        foreach (int workers in new[] { 1, 2 })
        {
            var run = Train(workers);
            var again = Train(workers);
            Assert.Equal(run.Parameters, again.Parameters);
            Assert.Equal(run.State, again.State);
            Assert.True(run.Last < run.First / 10, $"{workers} worker(s): training loss {run.First} → {run.Last}");
            Assert.True(run.Evaluated < run.First / 5, $"{workers} worker(s): inference-mode loss {run.Evaluated} after training from {run.First}");
            Assert.Contains(run.State, v => v != 0f && v != 1f);
        }
    }
}
