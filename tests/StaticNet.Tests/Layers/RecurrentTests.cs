using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// SimpleRNN, GRU (both reset placements) and LSTM: backpropagation through time against finite differences of an
/// independent double-precision reference written from Keras's definitions, over batches, stacked, after an embedding and
/// with every step's state returned; Keras's tensors, parameter counts and initialisers; saliency through time; a step
/// that allocates nothing; and networks that learn what only memory can tell.
/// </summary>
public class RecurrentTests
{
    public static TheoryData<string> Networks => new(["SimpleRnnNet", "GruNet", "LstmNet", "RecurrentStackNet", "BidirectionalNet", "TimeDistributedNet", "SequenceTaggerNet"]);

    internal static INetwork Create(string name, int seed) => name switch
    {
        "SimpleRnnNet" => new SimpleRnnNet(seed),
        "GruNet" => new GruNet(seed),
        "LstmNet" => new LstmNet(seed),
        "RecurrentStackNet" => new RecurrentStackNet(seed),
        "BidirectionalNet" => new BidirectionalNet(seed),
        "TimeDistributedNet" => new TimeDistributedNet(seed),
        "SequenceTaggerNet" => new SequenceTaggerNet(seed),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_through_time_matches_finite_differences_over_a_batch(string name)
    {
        INetwork net = Create(name, seed: 4);
        for (int i = 0; i < net.ParameterCount; i++)
        {
            net.Parameters[i] += 0.1f * MathF.Sin(i); // biases away from 0, so every path carries gradient
        }

        var (inputs, targets) = Batch(net, 3, seed: 5);
        AssertStepMatchesReference(net, inputs, targets, 3, name);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_one_sample_and_a_batch_match_the_reference(string name)
    {
        INetwork net = Create(name, seed: 6);
        var (inputs, _) = Batch(net, 4, seed: 7);
        AssertForwardMatchesReference(net, inputs, 4);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Saliency_goes_back_through_time(string name)
    {
        INetwork net = Create(name, seed: 8);
        if (net.Layers[0] is EmbeddingLayerInfo)
        {
            return; // ids take no gradient (EmbeddingTests)
        }

        var (inputs, _) = Batch(net, 1, seed: 9);
        var gradient = new float[net.InputSize];
        net.InputGradient(inputs, 0, gradient);
        double[] parameters = Doubles(net.Parameters);
        for (int i = 0; i < net.InputSize; i++)
        {
            double[] plus = Doubles(inputs), minus = Doubles(inputs);
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            double fd = (ReferenceMlp.Output(net, parameters, plus)[0] - ReferenceMlp.Output(net, parameters, minus)[0]) / 2e-6;
            Assert.True(Math.Abs(gradient[i] - fd) <= 1e-3 * Math.Abs(fd) + 1e-5, $"{name}, input {i}: {gradient[i]} against {fd}");
        }

        Assert.Contains(gradient.Take(net.Layers[0].InputShape[^1]), g => g != 0f); // the first step's features still matter
    }

    [Fact]
    public void Tensors_counts_and_initialisers_are_keras()
    {
        // Keras: GRU(5) on 2 features, reset_after: 3·(5·(2 + 5) + 2·5) = 135; GRU(3, reset_after=False) on 5: 3·(3·(5 + 3) + 3) = 81.
        var gru = Assert.IsType<RecurrentLayerInfo>(GruNet.Layers[0]);
        Assert.Equal(("gru_1", "GRU", 5, true, true), (gru.Name, gru.Type, gru.Units, gru.ReturnSequences, gru.ResetAfter));
        Assert.Equal([6, 2], gru.InputShape);
        Assert.Equal([6, 5], gru.OutputShape);
        Assert.Equal([2, 15], gru.Parameter("kernel").Shape);
        Assert.Equal([5, 15], gru.Parameter("recurrent_kernel").Shape);
        Assert.Equal([2, 15], gru.Parameter("bias").Shape);
        Assert.Equal(135, gru.Parameters.Sum(p => p.Size));
        var second = Assert.IsType<RecurrentLayerInfo>(GruNet.Layers[1]);
        Assert.Equal(81, second.Parameters.Sum(p => p.Size));
        Assert.Equal([3], second.OutputShape);
        Assert.Matches(@"\n gru_1 \(GRU\) +\(None, 6, 5\) +135\n", GruNet.Summary());
        Assert.Equal("GRU(3, Tanh, Sigmoid, return sequences False, reset after False, L1 0.01, L2 0.02)", second.Describe());
        Assert.Equal((0.01f, 0.02f), (second.L1, second.L2)); // on the kernel, as Keras's kernel_regularizer; the finite differences include the penalty

        // LSTM(4) on 3 features: 4·(4·(3 + 4) + 4) = 128; the forget gate's bias starts at 1 (unit_forget_bias).
        var lstm = Assert.IsType<RecurrentLayerInfo>(LstmNet.Layers[1]);
        Assert.Equal(128, lstm.Parameters.Sum(p => p.Size));
        var net = new LstmNet(seed: 2);
        float[] bias = net.Parameters.Slice(lstm.Parameter("bias").Offset, 16).ToArray();
        Assert.Equal([0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], bias);
        Assert.All(new RecurrentStackNet(seed: 2).Parameters.Slice(RecurrentStackNet.Layers[0].Parameter("bias").Offset, 12).ToArray(), v => Assert.Equal(0f, v));

        // The recurrent kernel is orthogonal: its rows (units of them, 4·units long) are orthonormal.
        ParameterInfo recurrent = lstm.Parameter("recurrent_kernel");
        float[] u = net.Parameters.Slice(recurrent.Offset, recurrent.Size).ToArray();
        for (int a = 0; a < 4; a++)
        {
            for (int b = 0; b < 4; b++)
            {
                double dot = Enumerable.Range(0, 16).Sum(j => (double)u[a * 16 + j] * u[b * 16 + j]);
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-5);
            }
        }

        // Keras's Bidirectional doubles the weights and concatenates the units: Bidirectional(GRU(3)) on 2 features,
        // 2 · 3·(3·(2 + 3) + 2·3) = 126, output (5, 6); Bidirectional(LSTM(2)) on 6, 2 · 4·(2·(6 + 2) + 2) = 144, output (4).
        var both = Assert.IsType<RecurrentLayerInfo>(BidirectionalNet.Layers[0]);
        Assert.Equal((126, 3, true), (both.Parameters.Sum(p => p.Size), both.Units, both.Bidirectional));
        Assert.Equal([5, 6], both.OutputShape);
        Assert.Equal(["kernel", "recurrent_kernel", "bias", "backward_kernel", "backward_recurrent_kernel", "backward_bias"], both.Parameters.Select(p => p.Name));
        Assert.Equal(144, BidirectionalNet.Layers[1].Parameters.Sum(p => p.Size));
        Assert.Equal([4], BidirectionalNet.Layers[1].OutputShape);
        Assert.StartsWith("Bidirectional LSTM(2", BidirectionalNet.Layers[1].Describe(), StringComparison.Ordinal);
        Assert.Matches(@"\n gru_1 \(GRU\) +\(None, 5, 6\) +126\n", BidirectionalNet.Summary());

        // SimpleRNN(4) on 3 features: 3·4 + 4·4 + 4 = 32.
        Assert.Equal(32, SimpleRnnNet.Layers[0].Parameters.Sum(p => p.Size));
        Assert.Equal("SimpleRNN(4, Tanh, return sequences False)", SimpleRnnNet.Layers[0].Describe());
    }

    [Fact]
    public void A_training_step_allocates_nothing() => AssertStepAllocatesNothing(new LstmNet(seed: 1), count: 8);

    [Fact]
    public void An_lstm_learns_whether_one_token_came_before_another()
    {
        // Sequences of 7 ids from 11 holding a 3 and a 7 in some order: positive when the 3 comes first. Order is what a
        // bag of tokens cannot see; the state has to carry it.
        var random = new SeededRandom(12);
        const int Count = 1000;
        var x = new float[Count * 7];
        var y = new float[Count];
        for (int s = 0; s < Count; s++)
        {
            for (int t = 0; t < 7; t++)
            {
                int id;
                do
                {
                    id = random.NextInt(11);
                }
                while (id is 3 or 7);
                x[s * 7 + t] = id;
            }

            int a = random.NextInt(7), b;
            do
            {
                b = random.NextInt(7);
            }
            while (b == a);
            bool first = s % 2 == 0;
            x[s * 7 + Math.Min(a, b)] = first ? 3 : 7;
            x[s * 7 + Math.Max(a, b)] = first ? 7 : 3;
            y[s] = first ? 1 : 0;
        }

        var (train, test) = new Dataset(x, y, 7).TrainTestSplit(0.25, seed: 1);
        var net = new LstmNet(seed: 3);
        net.Fit(train, epochs: 60, batchSize: 32, optimizer: new Adam(0.01f) { GlobalClipNorm = 1f }, seed: 4, verbose: 0);
        Assert.True(net.Evaluate(test).Accuracy >= 0.95, $"held-out accuracy {net.Evaluate(test).Accuracy}");
    }

    [Fact]
    public void A_gru_learns_to_add_the_numbers_it_was_told_to_remember()
    {
        // Keras's adding problem, short: two channels, a value and a marker; the target is the sum of the two marked values.
        var random = new SeededRandom(21);
        const int Count = 1500;
        var x = new float[Count * 12];
        var y = new float[Count * 2];
        for (int s = 0; s < Count; s++)
        {
            int a = random.NextInt(6), b;
            do
            {
                b = random.NextInt(6);
            }
            while (b == a);
            for (int t = 0; t < 6; t++)
            {
                x[s * 12 + t * 2] = random.NextSingle();
                x[s * 12 + t * 2 + 1] = t == a || t == b ? 1f : 0f;
            }

            y[s * 2] = x[s * 12 + a * 2] + x[s * 12 + b * 2];
            y[s * 2 + 1] = y[s * 2];
        }

        var data = new Dataset(x, y, 12, targetSize: 2, sampleShape: [6, 2]);
        var (train, test) = data.TrainTestSplit(0.2, seed: 2);
        var net = new GruNet(seed: 5);
        double before = net.Evaluate(test).Loss;
        net.Fit(train, epochs: 60, batchSize: 32, optimizer: new Adam(0.01f), seed: 6, verbose: 0);
        double after = net.Evaluate(test).Loss;

        // Always answering the mean (1.0) scores the variance of a sum of two uniforms: 2/12 ≈ 0.167.
        Assert.True(after < 0.02, $"held-out MSE {after:G3} (from {before:G3}; the mean's is about 0.167)");
    }
}
