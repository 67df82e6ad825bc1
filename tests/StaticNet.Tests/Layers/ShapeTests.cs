using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// Inputs of rank 2 and 3 (channels last): shapes through LayerInfo, the summary and the architecture text, batch
/// normalisation per channel against the double reference and finite differences, Flatten, and datasets that know
/// their sample shape.
/// </summary>
public class ShapeTests
{
    [Fact]
    public void Shapes_of_any_rank_reach_layer_info_the_summary_and_the_architecture()
    {
        Assert.Equal(24, ImageNormalizationNet.InputSize);
        Assert.Equal([3, 4, 2], ImageNormalizationNet.Layers[0].InputShape);
        var norm = Assert.IsType<BatchNormalizationLayerInfo>(ImageNormalizationNet.Layers[0]);
        Assert.All(norm.Parameters, p => Assert.Equal([2], p.Shape)); // one value per channel
        Assert.Equal(2 + 2 + 24 * 3 + 3, ImageNormalizationNet.ParameterCount); // γ and β of 2 channels, then the Dense kernel and bias
        Assert.Equal(2 + 2, ImageNormalizationNet.NonTrainableParameterCount);
        var flatten = Assert.IsType<FlattenLayerInfo>(ImageNormalizationNet.Layers[2]);
        Assert.Equal([3, 4, 2], flatten.InputShape);
        Assert.Equal([24], flatten.OutputShape);

        string summary = ImageNormalizationNet.Summary();
        Assert.Matches(@"\n batch_normalization_1 \(BatchNormalization\) +\(None, 3, 4, 2\) +8\n", summary);
        Assert.Matches(@"\n flatten_1 \(Flatten\) +\(None, 24\) +0\n", summary);
        Assert.Equal(
            "Input(3, 4, 2) → BatchNormalization(3 × 4 × 2, momentum 0.9, epsilon 0.001) → Activation(Tanh) → Flatten → Dense(3, Softmax); loss SparseCategoricalCrossEntropy",
            ParameterFile.Architecture(new ImageNormalizationNet(1)));
        Assert.StartsWith("Input(5, 3) → Flatten → Dense(6, ReLU)", ParameterFile.Architecture(new SequenceFlattenNet(1)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void Batch_normalisation_of_an_image_is_per_channel_and_matches_finite_differences(int count)
    {
        INetwork net = new ImageNormalizationNet(seed: 4);
        var (inputs, targets) = Batch(net, count, seed: 5);
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, count, gradient, new float[count * net.OutputSize], net.CreateWorkspace(count));
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, ReferenceMlp.State(net), Doubles(inputs), Doubles(targets), count, training: true, masks: null);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, Math.Max(1e-5 * Math.Abs(loss), 1e-5));
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, $"ImageNormalizationNet, {count} samples");
    }

    [Fact]
    public void Moving_statistics_are_per_channel_and_inference_uses_them()
    {
        INetwork net = new ImageNormalizationNet(seed: 2);
        var (inputs, targets) = Batch(net, 6, seed: 3);

        // Channel 1 of every pixel is shifted by 5: one step moves that channel's moving mean, and only that channel's.
        for (int k = 1; k < inputs.Length; k += 2)
        {
            inputs[k] += 5f;
        }

        net.TrainBatch(inputs, targets, 6, new float[net.ParameterCount], new float[6 * net.OutputSize], net.CreateWorkspace(6));
        ParameterInfo mean = net.Layers[0].Parameter("moving_mean");
        double channel0 = Enumerable.Range(0, 6 * 12).Average(r => (double)inputs[r * 2]);
        double channel1 = Enumerable.Range(0, 6 * 12).Average(r => (double)inputs[r * 2 + 1]);
        Assert.Equal(0.1 * channel0, net.NonTrainableParameters[mean.Offset], 1e-5);
        Assert.Equal(0.1 * channel1, net.NonTrainableParameters[mean.Offset + 1], 1e-5);
        Assert.InRange(net.NonTrainableParameters[mean.Offset + 1], 0.4f, 0.6f);

        double[] theta = Doubles(net.Parameters);
        double[] state = ReferenceMlp.State(net);
        var output = new float[net.OutputSize];
        net.Forward(inputs.AsSpan(0, 24), output);
        double[] expected = ReferenceMlp.Outputs(net, theta, state, Doubles(inputs.AsSpan(0, 24)), 1, training: false, masks: null);
        Assert.Equal(expected.Select(v => (float)v), output, (a, b) => Math.Abs(a - b) <= 1e-5f);
    }

    [Fact]
    public void A_sequence_trains_through_flatten()
    {
        INetwork net = new SequenceFlattenNet(seed: 3);
        var (inputs, targets) = Batch(net, 8, seed: 4);
        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, 8, gradient, new float[8 * net.OutputSize], net.CreateWorkspace(8));
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, ReferenceMlp.State(net), Doubles(inputs), Doubles(targets), 8, training: true, masks: null);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, "SequenceFlattenNet");
    }

    [Fact]
    public void A_dataset_knows_its_sample_shape_and_fit_refuses_channels_first_data()
    {
        var random = new SeededRandom(1);
        float[] x = Enumerable.Range(0, 10 * 24).Select(_ => (float)random.NextGaussian()).ToArray();
        float[] y = Enumerable.Range(0, 10).Select(i => (float)(i % 3)).ToArray();
        var image = new Dataset(x, y, 24, classCount: 3, sampleShape: [3, 4, 2]);
        Assert.Equal([3, 4, 2], image.SampleShape);
        Assert.Equal([3, 4, 2], image.Select([4, 1]).SampleShape);
        Assert.Equal([3, 4, 2], image.ToOneHot().SampleShape);
        Assert.Equal([24], new Dataset(x, y, 24, classCount: 3).SampleShape);

        var error = Assert.Throws<ArgumentException>(() => new Dataset(x, y, 24, classCount: 3, sampleShape: [3, 4, 3]));
        Assert.Equal("sampleShape", error.ParamName);
        Assert.Contains("3 × 4 × 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Dataset(x, y, 24, classCount: 3, sampleShape: [-3, -4, 2]));
        Assert.Throws<ArgumentException>(() => new Dataset(x, y, 24, classCount: 3, sampleShape: []));

        var net = new ImageNormalizationNet(seed: 1);
        net.Fit(image, epochs: 1, batchSize: 5, optimizer: new Adam(0.01f), seed: 1);
        net.Fit(new Dataset(x, y, 24, classCount: 3), epochs: 1, batchSize: 5, optimizer: new Adam(0.01f), seed: 1); // flat rows fit too

        var channelsFirst = new Dataset(x, y, 24, classCount: 3, sampleShape: [2, 3, 4]);
        var refused = Assert.Throws<ArgumentException>(() => net.Fit(channelsFirst, epochs: 1, optimizer: new Adam(0.01f)));
        Assert.Contains("2 × 3 × 4", refused.Message, StringComparison.Ordinal);
        Assert.Contains("3 × 4 × 2", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.Predict(channelsFirst));
    }
}
