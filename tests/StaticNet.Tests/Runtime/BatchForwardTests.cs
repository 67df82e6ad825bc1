using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Runtime;

/// <summary>
/// The batch <c>Forward</c> runs the mini-batch passes in inference mode, a tile at a time in the thread's workspace: the same
/// code as <c>ComputeLoss</c> (so <c>Predict</c> and <c>Evaluate</c> agree bit for bit) and, to float rounding, the same
/// numbers as the one-sample <c>Forward</c>.
/// </summary>
public class BatchForwardTests
{
    private static readonly Dictionary<string, Func<INetwork>> LayerKinds = new()
    {
        [nameof(DropoutNet)] = () => new DropoutNet(1),
        [nameof(BatchNormNet)] = () => new BatchNormNet(1),
        [nameof(CombinedNet)] = () => new CombinedNet(1),
        [nameof(NoiseNet)] = () => new NoiseNet(1),
        [nameof(InputNormalizationNet)] = () => new InputNormalizationNet(1),
        [nameof(LeNet5)] = () => new LeNet5(1),
        [nameof(ConvSameStrideNet)] = () => new ConvSameStrideNet(1),
        [nameof(PoolFirstNet)] = () => new PoolFirstNet(1),
        [nameof(GlobalAverageNet)] = () => new GlobalAverageNet(1),
        [nameof(ShiftNet)] = () => new ShiftNet(1),
        [nameof(FlipNet)] = () => new FlipNet(1),
        [nameof(Conv1DNet)] = () => new Conv1DNet(1),
    };

    public static TheoryData<string> Names => new([.. NetworkCases.AllNames, .. LayerKinds.Keys]);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_batch_forward_is_compute_losss_predictions_and_the_one_sample_forward_to_rounding(string name)
    {
        INetwork network = Create(name);
        if (network.NonTrainableParameterCount > 0)
        {
            // Moving statistics away from their initial 0 and 1, so that inference-mode normalisation does something.
            var state = new SeededRandom(5);
            Span<float> moving = network.NonTrainableParameters;
            for (int i = 0; i < moving.Length; i++)
            {
                moving[i] = 0.5f + state.NextSingle();
            }
        }

        var random = new SeededRandom(7);
        // Below and above a vector of samples in lanes (16), a tile (32), and a tile of the batch Forward in lanes (128).
        foreach (int count in new[] { 0, 1, 5, 16, 32, 33, 70, 150 })
        {
            float[] inputs = [.. Enumerable.Range(0, count).SelectMany(_ => NetworkCases.Input(network, random))];
            float[] targets = [.. Enumerable.Range(0, count).SelectMany(_ => NetworkCases.Target(network, random))];
            var outputs = new float[count * network.OutputSize];
            network.Forward(inputs, outputs, count);

            var predictions = new float[outputs.Length];
            network.ComputeLoss(inputs, targets, count, predictions, network.CreateWorkspace(Math.Max(count, 1)));
            Assert.Equal(predictions, outputs);

            var one = new float[network.OutputSize];
            for (int s = 0; s < count; s++)
            {
                network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), one);
                for (int o = 0; o < one.Length; o++)
                {
                    float batched = outputs[s * network.OutputSize + o];
                    Assert.True(MathF.Abs(batched - one[o]) <= 2e-5f * (1f + MathF.Abs(one[o])), $"{name}, batch of {count}, sample {s}, output {o}: {batched} batched, {one[o]} alone");
                }
            }
        }
    }

    [Fact]
    public void Without_256_bit_vectors_the_one_sample_forward_gives_the_batch_forwards_bits()
    {
        // Where 256-bit vectors are accelerated, Forward's own straight-line statements sum in two chains (rounding apart);
        // where not (Native AOT's default, Arm64; CI's portable rerun), each layer is its mini-batch pass over the one row,
        // whose rows are each the reference's chain of multiply-adds.
        var net = new IrisNet(3);
        Dataset data = TestData.ScaledIris();
        var batched = new float[data.Count * IrisNet.OutputSize];
        net.Forward(data.Features, batched, data.Count);
        var one = new float[IrisNet.OutputSize];
        for (int s = 0; s < data.Count; s++)
        {
            net.Forward(data.Features.Slice(s * IrisNet.InputSize, IrisNet.InputSize), one);
            float[] expected = batched[(s * IrisNet.OutputSize)..((s + 1) * IrisNet.OutputSize)];
            if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                Assert.All(Enumerable.Range(0, one.Length), o => Assert.True(MathF.Abs(expected[o] - one[o]) <= 2e-5f, $"sample {s}, output {o}"));
            }
            else
            {
                Assert.Equal(expected, one);
            }
        }
    }

    [Fact]
    public void Predict_and_evaluate_see_the_same_outputs()
    {
        var net = new IrisNet(3);
        Dataset data = TestData.ScaledIris();
        float[] predicted = net.Predict(data);
        var outputs = new float[predicted.Length];
        net.Forward(data.Features, outputs, data.Count);
        Assert.Equal(outputs, predicted);

        // Evaluate's accuracy counts the same argmaxes Predict's classes give.
        int[] classes = net.PredictClasses(data);
        double correct = Enumerable.Range(0, data.Count).Count(i => classes[i] == data.LabelOf(i)) / (double)data.Count;
        Assert.Equal(correct, net.Evaluate(data).Accuracy!.Value, 12);
    }

    [Theory]
    [InlineData(nameof(IrisNet), 1_024)]
    [InlineData(nameof(LeNet5), 40)]
    [InlineData(nameof(BatchNormNet), 100)]
    public void A_batch_forward_allocates_nothing_once_the_threads_workspace_holds_a_tile(string name, int count)
    {
        INetwork network = Create(name);
        var inputs = new float[count * network.InputSize];
        var random = new SeededRandom(1);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle();
        }

        var outputs = new float[count * network.OutputSize];
        Allocations.AssertNoneOnceWarm(() => network.Forward(inputs, outputs, count));
    }

    [Fact]
    public void A_large_batch_needs_a_workspace_for_one_tile_even_with_batch_normalisation()
    {
        // Batch normalisation makes a training step take its whole batch as one tile; inference goes a tile at a time, so
        // 20,000 samples must not grow the thread's workspace to 20,000 rows (about 8 MB here): on a fresh thread, the
        // first call allocates only a tile's workspace.
        var net = new BatchNormNet(1);
        const int Count = 20_000;
        var inputs = new float[Count * BatchNormNet.InputSize];
        var outputs = new float[Count * BatchNormNet.OutputSize];
        long allocated = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            net.Forward(inputs, outputs, Count);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();
        Assert.InRange(allocated, 1, 200_000);
    }

    [Fact]
    public void Many_threads_run_batches_at_once_and_each_gets_its_own_answer()
    {
        var net = new LeNet5(2);
        const int Count = 24;
        var random = new SeededRandom(4);
        float[][] inputs = [.. Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, Count * 784).Select(_ => random.NextSingle()).ToArray())];
        float[][] expected = [.. inputs.Select(x =>
        {
            var y = new float[Count * 10];
            net.Forward(x, y, Count);
            return y;
        })];

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var y = new float[Count * 10];
            net.Forward(inputs[i % 8], y, Count);
            Assert.Equal(expected[i % 8], y);
        });
    }

    [Fact]
    public void A_batch_of_the_wrong_shape_is_refused_with_the_expected_and_actual_lengths()
    {
        var net = new IrisNet(1);
        var error = Assert.Throws<ArgumentException>(() => net.Forward(new float[4 * 3], new float[3 * 2], 3));
        Assert.Contains("9", error.Message);
        Assert.Contains("6", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Forward(new float[0], new float[0], -1));
    }

    private static INetwork Create(string name) =>
        LayerKinds.TryGetValue(name, out Func<INetwork>? create) ? create() : NetworkCases.Create(name);
}
