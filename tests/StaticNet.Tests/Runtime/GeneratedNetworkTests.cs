using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Runtime;

public class GeneratedNetworkTests
{
    [Fact]
    public void Constants_and_layout_follow_the_declaration()
    {
        Assert.Equal(4, IrisNet.InputSize);
        Assert.Equal(3, IrisNet.OutputSize);
        Assert.Equal(1, IrisNet.TargetSize);
        Assert.Equal(4 * 10 + 10 + 10 * 10 + 10 + 10 * 3 + 3, IrisNet.ParameterCount);
        Assert.Equal(0, IrisNet.Dense1KernelOffset);
        Assert.Equal(40, IrisNet.Dense1BiasOffset);
        Assert.Equal(50, IrisNet.Dense2KernelOffset);
        Assert.Equal(190, IrisNet.Dense3BiasOffset);
        Assert.Equal(["dense_1", "dense_2", "dense_3"], IrisNet.Layers.Select(l => l.Name));
        Assert.Equal([Activation.ReLU, Activation.ReLU, Activation.Softmax], IrisNet.Layers.Cast<DenseLayerInfo>().Select(l => l.Activation));
        Assert.Equal(IrisNet.ParameterCount, IrisNet.Layers.Sum(l => l.ParameterCount));
        Assert.Equal(["Simd", "Simd", "Unrolled"], IrisNet.Layers.Cast<DenseLayerInfo>().Select(l => l.Strategy));
        Assert.Equal(["Loop", "Loop", "Loop"], LoopClassifierNet.Layers.Cast<DenseLayerInfo>().Select(l => l.Strategy));
        Assert.Equal(["Unrolled", "Unrolled", "Unrolled"], UnrolledIrisNet.Layers.Cast<DenseLayerInfo>().Select(l => l.Strategy));
        Assert.All(SimdMixedNet.Layers.Cast<DenseLayerInfo>(), l => Assert.Equal("Simd", l.Strategy));
    }

    [Fact]
    public void Kernel_accessors_view_the_flat_buffer_as_keras_lays_it_out()
    {
        var net = new IrisNet();
        net.Dense2Kernel[1 * 10 + 2] = 123f; // kernel[i = 1, j = 2] of dense_2
        Assert.Equal(123f, net.Parameters[IrisNet.Dense2KernelOffset + 12]);
        net.Dense3Bias[2] = -7f;
        Assert.Equal(-7f, net.Parameters[IrisNet.ParameterCount - 1]);
    }

    [Fact]
    public void Kernel_layout_is_inputs_by_units_row_major()
    {
        // One linear layer 2 → 3 with W[i, j] = 10·i + j and b = [100, 200, 300]: y_j = b_j + Σ_i x_i W[i, j].
        var net = new LinearTwoByThreeNet();
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                net.Dense1Kernel[i * 3 + j] = 10 * i + j;
            }
        }

        net.Dense1Bias[0] = 100;
        net.Dense1Bias[1] = 200;
        net.Dense1Bias[2] = 300;
        var y = new float[3];
        net.Forward([1f, 2f], y);
        Assert.Equal([100 + 0 + 20, 200 + 1 + 22, 300 + 2 + 24], y);
    }

    [Fact]
    public void Summary_prints_like_keras()
    {
        string summary = IrisNet.Summary();
        string[] lines = summary.Split('\n');
        Assert.Equal("Model: \"IrisNet\"", lines[0]);
        Assert.Contains(lines, l => l == " dense_1 (Dense)             (None, 10)                50");
        Assert.Contains(lines, l => l == " dense_2 (Dense)             (None, 10)                110");
        Assert.Contains(lines, l => l == " dense_3 (Dense)             (None, 3)                 33");
        Assert.Contains("Total params: 193\n", summary, StringComparison.Ordinal);
    }

    // The batch Forward against the one-sample Forward, and against ComputeLoss bit for bit: BatchForwardTests.

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Train_step_compute_loss_and_train_batch_give_the_same_output_bits_and_forward_agrees(string name)
    {
        // TrainStep, ComputeLoss and TrainBatch share the mini-batch code, in which a sample's sums are the same
        // multiply-adds in the same order whatever tile it is in: the same bits. Forward's one-sample code may split a
        // unit's sum into two chains (to hide latency), so it agrees to float rounding rather than to the bit.
        INetwork network = NetworkCases.Create(name);
        var random = new SeededRandom(21);
        const int Count = 5;
        float[][] inputs = Enumerable.Range(0, Count).Select(_ => NetworkCases.Input(network, random)).ToArray();
        float[][] targets = Enumerable.Range(0, Count).Select(_ => NetworkCases.Target(network, random)).ToArray();
        var batch = new float[Count * network.OutputSize];
        network.TrainBatch(inputs.SelectMany(x => x).ToArray(), targets.SelectMany(t => t).ToArray(), Count, new float[network.ParameterCount], batch);
        for (int s = 0; s < Count; s++)
        {
            var forward = new float[network.OutputSize];
            var step = new float[network.OutputSize];
            var loss = new float[network.OutputSize];
            network.Forward(inputs[s], forward);
            float stepLoss = network.TrainStep(inputs[s], targets[s], new float[network.ParameterCount], step);
            float computed = network.ComputeLoss(inputs[s], targets[s], loss);
            Assert.Equal(step, loss);
            Assert.Equal(stepLoss, computed);
            Assert.Equal(batch[(s * network.OutputSize)..((s + 1) * network.OutputSize)], step);
            for (int j = 0; j < forward.Length; j++)
            {
                Assert.True(Math.Abs(forward[j] - step[j]) <= 1e-6f * Math.Max(1f, Math.Abs(step[j])), $"{name} sample {s} output {j}: Forward {forward[j]:G9}, TrainStep {step[j]:G9}");
            }
        }
    }

    [Fact]
    public void Softmax_output_is_a_probability_vector()
    {
        var net = new IrisNet(seed: 4);
        var output = new float[3];
        net.Forward([50f, -50f, 50f, -50f], output);
        Assert.All(output, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1f, output.Sum(), 1e-6f);
    }

    [Fact]
    public void Wrong_span_lengths_name_expected_and_actual()
    {
        var net = new IrisNet();
        var error = Assert.Throws<ArgumentException>(() => net.Forward(new float[5], new float[3]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("length 5, expected 4 (IrisNet.InputSize)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => net.Forward(new float[4], new float[2]));
        Assert.Contains("'output' has length 2, expected 3 (IrisNet.OutputSize)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => net.TrainStep(new float[4], new float[1], new float[192]));
        Assert.Contains("'gradient' has length 192, expected 193 (IrisNet.ParameterCount)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => IrisNet.Forward(new float[10], new float[4], new float[3]));
        Assert.Contains("'parameters' has length 10, expected 193", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => net.Forward(new float[8], new float[9], batchSize: 3));
        Assert.Contains("'inputs' has length 8, expected 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sparse_label_outside_the_classes_is_refused()
    {
        var net = new IrisNet();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(new float[4], [3f], new float[IrisNet.ParameterCount]));
        Assert.Contains("class index in 0..2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(new float[4], [0.5f], new float[IrisNet.ParameterCount]));
    }

    [Fact]
    public void Forward_and_train_step_allocate_nothing()
    {
        foreach (INetwork net in new INetwork[] { new IrisNet(1), new UnrolledIrisNet(1), new SimdMixedNet(1), new LoopClassifierNet(1), new LoopBinaryNet(1), new WideBatchNet(1), new DropoutNet(1), new BatchNormNet(1), new CombinedNet(1), new RegularizedNet(1) })
        {
            var random = new SeededRandom(2);
            float[] input = NetworkCases.Input(net, random);
            float[] target = NetworkCases.Target(net, random);
            var output = new float[net.OutputSize];
            var gradient = new float[net.ParameterCount];

            float[] inputs = Enumerable.Repeat(input, 32).SelectMany(x => x).ToArray();
            float[] targets = Enumerable.Repeat(target, 32).SelectMany(t => t).ToArray();
            var predictions = new float[32 * net.OutputSize];

            // Warm up until tiered compilation has settled (it promotes methods on a background thread, 100 ms after
            // their first 30 calls, and the runtime's own bookkeeping for that may allocate): steady state is what
            // "allocation-free" promises.
            for (int round = 0; round < 3; round++)
            {
                ForwardMany(net, input, output, 1_000);
                TrainStepMany(net, input, target, gradient, output, 1_000);
                TrainBatchMany(net, inputs, targets, gradient, predictions, 100);
                Thread.Sleep(150);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            ForwardMany(net, input, output, 10_000);
            long afterForward = GC.GetAllocatedBytesForCurrentThread();
            TrainStepMany(net, input, target, gradient, output, 10_000);
            long afterTraining = GC.GetAllocatedBytesForCurrentThread();
            long beforeBatches = GC.GetAllocatedBytesForCurrentThread();
            TrainBatchMany(net, inputs, targets, gradient, predictions, 1_000);
            long afterBatches = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(0, afterForward - before);
            Assert.Equal(0, afterTraining - afterForward);
            Assert.Equal(0, afterBatches - beforeBatches);
        }
    }

    // The measured loops are compiled optimised up front, so no on-stack replacement happens inside a measurement.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ForwardMany(INetwork net, float[] input, float[] output, int times)
    {
        for (int i = 0; i < times; i++)
        {
            net.Forward(input, output);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void TrainStepMany(INetwork net, float[] input, float[] target, float[] gradient, float[] output, int times)
    {
        for (int i = 0; i < times; i++)
        {
            net.TrainStep(input, target, gradient, output);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void TrainBatchMany(INetwork net, float[] inputs, float[] targets, float[] gradient, float[] predictions, int times)
    {
        for (int i = 0; i < times; i++)
        {
            net.TrainBatch(inputs, targets, 32, gradient, predictions);
        }
    }

    [Fact]
    public void Forward_is_safe_to_call_from_many_threads_at_once()
    {
        var net = new LoopClassifierNet(seed: 8);
        var random = new SeededRandom(8);
        float[][] inputs = Enumerable.Range(0, 2_000).Select(_ => NetworkCases.Input(net, random)).ToArray();
        float[][] expected = inputs.Select(x =>
        {
            var y = new float[LoopClassifierNet.OutputSize];
            net.Forward(x, y);
            return y;
        }).ToArray();

        var results = new float[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var y = new float[LoopClassifierNet.OutputSize];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                net.Forward(inputs[i], y);
            }

            results[i] = y;
        });

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i], results[i]);
        }
    }
}

[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(3)]
public partial class LinearTwoByThreeNet;
