using StaticNet.Generated;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// Conv2D and pooling against the double reference and finite differences over batches, Keras's shapes and
/// initialisation, a step that allocates nothing, and training that learns.
/// </summary>
public class ConvolutionTests
{
    public static TheoryData<string> Networks => new(["ConvValidNet", "ConvSameStrideNet", "ConvDilatedNet", "PoolFirstNet", "GlobalAverageNet", "GlobalMaxNet", "Conv1DNet", "Conv1DGlobalNet", "PoolGapAverageNet", "PoolStrideMaxNet", "PoolOverlapMaxNet", "DirectConvNet", "DirectWideRowNet", "DirectSevenFiltersNet", "DirectDilatedNet", "DirectConv1DNet", "ConvStridedScatterNet", "ConvWideScatterNet", "DirectColumnNet", "DirectColumnDilatedNet", "DirectColumnTallNet", "ConvDenseTileNet"]);

    internal static INetwork Create(string name, int seed) => name switch
    {
        "ConvValidNet" => new ConvValidNet(seed),
        "ConvSameStrideNet" => new ConvSameStrideNet(seed),
        "ConvDilatedNet" => new ConvDilatedNet(seed),
        "PoolFirstNet" => new PoolFirstNet(seed),
        "GlobalAverageNet" => new GlobalAverageNet(seed),
        "GlobalMaxNet" => new GlobalMaxNet(seed),
        "Conv1DNet" => new Conv1DNet(seed),
        "Conv1DGlobalNet" => new Conv1DGlobalNet(seed),
        "PoolGapAverageNet" => new PoolGapAverageNet(seed),
        "PoolStrideMaxNet" => new PoolStrideMaxNet(seed),
        "PoolOverlapMaxNet" => new PoolOverlapMaxNet(seed),
        "DirectConvNet" => new DirectConvNet(seed),
        "DirectWideRowNet" => new DirectWideRowNet(seed),
        "DirectSevenFiltersNet" => new DirectSevenFiltersNet(seed),
        "DirectDilatedNet" => new DirectDilatedNet(seed),
        "DirectConv1DNet" => new DirectConv1DNet(seed),
        "ConvStridedScatterNet" => new ConvStridedScatterNet(seed),
        "ConvWideScatterNet" => new ConvWideScatterNet(seed),
        "DirectColumnNet" => new DirectColumnNet(seed),
        "DirectColumnDilatedNet" => new DirectColumnDilatedNet(seed),
        "DirectColumnTallNet" => new DirectColumnTallNet(seed),
        "ConvDenseTileNet" => new ConvDenseTileNet(seed),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_finite_differences_over_a_batch(string name)
    {
        INetwork net = Create(name, seed: 4);
        var (inputs, targets) = Batch(net, 3, seed: 5);
        AssertStepMatchesReference(net, inputs, targets, 3, name);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_step_in_a_used_workspace_gives_the_gradient_of_a_fresh_one(string name)
    {
        // A workspace lays its buffers out by the tile's size, so a step of 2 samples after one of 3 finds the last step's
        // values where it puts its own: a buffer a pass leaves partly unwritten (cells no pooling window reads) would carry them.
        INetwork net = Create(name, seed: 4);
        var (inputs, targets) = Batch(net, 3, seed: 5);
        TrainingWorkspace used = net.CreateWorkspace(3);
        net.TrainBatch(inputs, targets, 3, new float[net.ParameterCount], new float[3 * net.OutputSize], used);
        var expected = new float[net.ParameterCount];
        var actual = new float[net.ParameterCount];
        ReadOnlySpan<float> twoInputs = inputs.AsSpan(0, 2 * net.InputSize), twoTargets = targets.AsSpan(0, 2 * net.TargetSize);
        float expectedLoss = net.TrainBatch(twoInputs, twoTargets, 2, expected, new float[2 * net.OutputSize], net.CreateWorkspace(2));
        float actualLoss = net.TrainBatch(twoInputs, twoTargets, 2, actual, new float[2 * net.OutputSize], used);
        Assert.Equal(expectedLoss, actualLoss);
        Assert.Equal(expected, actual);
        Assert.Contains(expected, g => g != 0f);
    }

    [Fact]
    public void Kernels_are_stored_as_keras_stores_them_and_initialised_glorot_uniform_with_its_fans()
    {
        var conv = Assert.IsType<Conv2DLayerInfo>(LeNet5.Layers[2]);
        Assert.Equal([5, 5, 6, 16], conv.Parameter("kernel").Shape);
        Assert.Equal((16, 5, 5, 1, 1, Padding.Valid), (conv.Filters, conv.KernelHeight, conv.KernelWidth, conv.Strides, conv.DilationRate, conv.Padding));
        Assert.Equal([12, 12, 6], conv.InputShape);
        Assert.Equal([8, 8, 16], conv.OutputShape);

        // Glorot-uniform with fan-in kh·kw·in and fan-out kh·kw·out, as Keras: bound √(6 / (150 + 400)).
        var net = new LeNet5(seed: 3);
        ReadOnlySpan<float> kernel = net.Parameters.Slice(conv.Parameter("kernel").Offset, conv.Parameter("kernel").Size);
        float bound = MathF.Sqrt(6f / (25 * 6 + 25 * 16));
        float largest = 0;
        foreach (float w in kernel)
        {
            largest = Math.Max(largest, Math.Abs(w));
        }

        Assert.InRange(largest, 0.95f * bound, bound);
        Assert.All(net.Parameters.Slice(conv.Parameter("bias").Offset, 16).ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal("Conv2D(16, 5×5, strides 1, dilation 1, Valid, ReLU)", conv.Describe());
        Assert.Equal("MaxPooling2D(2×2, strides 2×2, Valid)", LeNet5.Layers[3].Describe());
    }

    [Fact]
    public void Global_pooling_gives_the_channels_as_a_vector()
    {
        var pool = Assert.IsType<Pooling2DLayerInfo>(GlobalAverageNet.Layers[1]);
        Assert.Equal([5, 4, 5], pool.InputShape);
        Assert.Equal([5], pool.OutputShape);
        Assert.Equal("GlobalAveragePooling2D(over 5×4)", pool.Describe());
        Assert.True(((Pooling2DLayerInfo)GlobalMaxNet.Layers[1]).IsMax);
        Assert.Matches(@"\n global_average_pooling2d_1 \(GlobalAveragePooling2D\) +\(None, 5\) +0\n", GlobalAverageNet.Summary());

        // The average of each channel over every pixel, as written out by hand.
        float[] image = Enumerable.Range(0, 3 * 2 * 2).Select(i => (float)i).ToArray(); // 3 × 2 pixels of 2 channels
        var output = new float[2];
        Pooling2DReference.AverageForward(image, output, 1, new Window2D(3, 2, 2, 3, 2, 1, 1, 1, 0, 0, 1, 1));
        Assert.Equal([5f, 6f], output); // (0 + 2 + … + 10) / 6 and (1 + 3 + … + 11) / 6
        Pooling2DReference.MaxForward(image, output, 1, new Window2D(3, 2, 2, 3, 2, 1, 1, 1, 0, 0, 1, 1));
        Assert.Equal([10f, 11f], output);
    }

    [Fact]
    public void A_training_step_of_lenet_allocates_nothing()
    {
        var net = new LeNet5(seed: 1);
        var (inputs, targets) = Batch(net, 4, seed: 2);
        TrainingWorkspace workspace = net.CreateWorkspace(4);
        var gradient = new float[LeNet5.ParameterCount];
        var predictions = new float[4 * 10];
        var output = new float[10];
        Allocations.AssertNoneOnceWarm(() =>
        {
            net.TrainBatch(inputs, targets, 4, gradient, predictions, workspace);
            net.Forward(inputs.AsSpan(0, 784), output);
        }, callsPerWindow: 1);
    }

    [Fact]
    public void A_small_convolutional_network_learns_where_a_pattern_is()
    {
        // 8 × 8 images with a bright 2 × 2 square in one of four quadrants: the class is the quadrant.
        var random = new SeededRandom(5);
        const int Count = 240;
        var x = new float[Count * 64];
        var y = new float[Count];
        for (int s = 0; s < Count; s++)
        {
            int quadrant = s % 4;
            y[s] = quadrant;
            for (int k = 0; k < 64; k++)
            {
                x[s * 64 + k] = 0.3f * (float)random.NextGaussian();
            }

            int row = (quadrant / 2) * 4 + random.NextInt(3), column = (quadrant % 2) * 4 + random.NextInt(3);
            foreach (int at in new[] { row * 8 + column, row * 8 + column + 1, (row + 1) * 8 + column, (row + 1) * 8 + column + 1 })
            {
                x[s * 64 + at] += 2f;
            }
        }

        var data = new Dataset(x, y, 64, classCount: 4, sampleShape: [8, 8, 1]);
        var (train, test) = data.TrainTestSplit(testFraction: 0.25, seed: 1);
        var net = new QuadrantNet(seed: 2);
        net.Fit(train, epochs: 30, batchSize: 16, optimizer: new Adam(0.01f), seed: 3);
        Assert.True(net.Evaluate(test).Accuracy >= 0.95, $"Test accuracy {net.Evaluate(test).Accuracy}.");
    }
}
