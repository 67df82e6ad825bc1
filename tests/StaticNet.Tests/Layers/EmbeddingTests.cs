using StaticNet.Generated;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// Embedding (and GlobalMaxPooling1D beside it) against the double reference and finite differences over batches (ids
/// that repeat, so rows gather several gradients), Keras's shapes, names and initialiser, ids refused with the sample and
/// step named, a step that allocates nothing, and a network that learns which token matters.
/// </summary>
public class EmbeddingTests
{
    public static TheoryData<string> Networks => new(["EmbeddingBagNet", "EmbeddingConvNet", "EmbeddingFlatNet"]);

    internal static INetwork Create(string name, int seed) => name switch
    {
        "EmbeddingBagNet" => new EmbeddingBagNet(seed),
        "EmbeddingConvNet" => new EmbeddingConvNet(seed),
        "EmbeddingFlatNet" => new EmbeddingFlatNet(seed),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_matches_finite_differences_over_a_batch(string name)
    {
        INetwork net = Create(name, seed: 4);
        var (inputs, targets) = Batch(net, 5, seed: 5);
        Assert.True(inputs.Distinct().Count() < inputs.Length, "some ids repeat, so some rows gather several gradients");
        float[] gradient = AssertStepMatchesReference(net, inputs, targets, 5, name);

        // Rows no id reads get no gradient.
        var embedding = (EmbeddingLayerInfo)net.Layers[0];
        ParameterInfo table = embedding.Parameter("embeddings");
        for (int id = 0; id < embedding.InputDim; id++)
        {
            if (!inputs.Contains(id))
            {
                Assert.All(gradient.AsSpan(table.Offset + id * embedding.OutputDim, embedding.OutputDim).ToArray(), g => Assert.Equal(0f, g));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_one_sample_and_a_batch_match_the_reference(string name)
    {
        INetwork net = Create(name, seed: 6);
        var (inputs, _) = Batch(net, 4, seed: 7);
        AssertForwardMatchesReference(net, inputs, 4);
    }

    [Fact]
    public void Shapes_names_and_the_table_are_keras()
    {
        var embedding = Assert.IsType<EmbeddingLayerInfo>(EmbeddingBagNet.Layers[0]);
        Assert.Equal(("embedding_1", "Embedding", 13, 4), (embedding.Name, embedding.Type, embedding.InputDim, embedding.OutputDim));
        Assert.Equal([7], embedding.InputShape);
        Assert.Equal([7, 4], embedding.OutputShape);
        Assert.Equal([13, 4], embedding.Parameter("embeddings").Shape);
        Assert.Equal("Embedding(13, 4)", embedding.Describe());
        Assert.Matches(@"\n embedding_1 \(Embedding\) +\(None, 7, 4\) +52\n", EmbeddingBagNet.Summary());
        Assert.Matches(@"\n global_max_pooling1d_1 \(GlobalMaxPooling1D\) +\(None, 6\) +0\n", EmbeddingConvNet.Summary());
        Assert.Equal("GlobalMaxPooling1D(over 7)", EmbeddingConvNet.Layers[2].Describe());

        // Keras's "uniform": values in [−0.05, 0.05), spread over the range.
        float[] table = new EmbeddingBagNet(seed: 3).Parameters.Slice(0, 52).ToArray();
        Assert.All(table, v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.True(table.Max() > 0.04f && table.Min() < -0.04f);

        // Another initialiser when asked: Glorot-uniform over (5 + 2).
        float[] glorot = new EmbeddingFlatNet(seed: 3).Parameters.Slice(0, 10).ToArray();
        Assert.True(glorot.Max(Math.Abs) > 0.1f);
        Assert.All(glorot, v => Assert.InRange(v, -MathF.Sqrt(6f / 7), MathF.Sqrt(6f / 7)));
    }

    [Fact]
    public void An_id_that_is_not_a_token_is_named_by_sample_and_step()
    {
        var net = new EmbeddingBagNet(seed: 1);
        var (inputs, targets) = Batch(net, 6, seed: 2);
        inputs[3 * 7 + 2] = 1.5f;
        var data = new Dataset(inputs, targets, 7, classCount: 3);
        string fit = Assert.Throws<ArgumentException>(() => net.Fit(data, epochs: 1, verbose: 0)).Message;
        Assert.Contains("Sample 3, step 2 has the token id 1.5, which is not a whole number in 0..12", fit, StringComparison.Ordinal);
        Assert.Contains("Sample 3, step 2", Assert.Throws<ArgumentException>(() => net.Evaluate(data)).Message, StringComparison.Ordinal);
        Assert.Contains("Sample 3, step 2", Assert.Throws<ArgumentException>(() => net.Predict(data)).Message, StringComparison.Ordinal);

        inputs[3 * 7 + 2] = 13f; // one past the vocabulary
        var rows = new float[6, 7];
        Buffer.BlockCopy(inputs, 0, rows, 0, inputs.Length * sizeof(float));
        Assert.Contains("Sample 3, step 2 has the token id 13", Assert.Throws<ArgumentException>(() => net.Predict(rows)).Message, StringComparison.Ordinal);

        // The generated code refuses it too, on its own.
        Assert.Contains("step 2 has the token id 13", Assert.Throws<ArgumentException>(() => net.Forward(inputs.AsSpan(3 * 7, 7), new float[3])).Message, StringComparison.Ordinal);
        Assert.Contains("token id -1", Assert.Throws<ArgumentException>(() => EmbeddingReference.Token(-1f, 13, 0, 0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saliency_of_the_ids_is_zero()
    {
        var net = new EmbeddingConvNet(seed: 1);
        var (inputs, _) = Batch(net, 1, seed: 2);
        var gradient = new float[9];
        gradient.AsSpan().Fill(float.NaN);
        net.InputGradient(inputs, 0, gradient);
        Assert.All(gradient, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void A_training_step_allocates_nothing() => AssertStepAllocatesNothing(new EmbeddingConvNet(seed: 1), count: 8);

    [Fact]
    public void A_network_learns_which_token_pair_marks_a_sequence()
    {
        // Sequences of 9 ids from 20; positive when the pair (3, 7) occurs in a row somewhere, which a width-3 convolution
        // over embeddings can see and a bag of tokens cannot.
        var random = new SeededRandom(8);
        const int Count = 1200;
        var x = new float[Count * 9];
        var y = new float[Count];
        for (int s = 0; s < Count; s++)
        {
            for (int t = 0; t < 9; t++)
            {
                x[s * 9 + t] = random.NextInt(20);
            }

            if (s % 2 == 0)
            {
                int at = random.NextInt(8);
                (x[s * 9 + at], x[s * 9 + at + 1]) = (3, 7);
            }

            bool pair = Enumerable.Range(0, 8).Any(t => x[s * 9 + t] == 3 && x[s * 9 + t + 1] == 7);
            y[s] = pair ? 1 : 0;
        }

        var data = new Dataset(x, y, 9);
        var (train, test) = data.TrainTestSplit(0.25, seed: 1);
        var net = new EmbeddingConvNet(seed: 2);
        net.Fit(train, epochs: 40, batchSize: 32, optimizer: new Adam(0.01f), seed: 3, verbose: 0);
        Assert.True(net.Evaluate(test).Accuracy >= 0.95, $"held-out accuracy {net.Evaluate(test).Accuracy}");
    }
}
