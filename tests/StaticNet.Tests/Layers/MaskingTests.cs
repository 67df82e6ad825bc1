using StaticNet.Onnx;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// Keras's padding mask (<c>[Embedding(..., MaskZero = true)]</c>): recurrent layers carry their states over steps whose
/// id is 0 and a mean over the steps leaves them out, through Dense on each step and a bidirectional layer (zero outputs
/// at padding). Checked against finite differences of the double reference with masking written from Keras's
/// definitions, by the property that padding anywhere gives the output of the real tokens alone, and in a stream.
/// PyTorch's fixtures for masked steps are in <c>RecurrentAgreementTests</c>.
/// </summary>
public class MaskingTests
{
    public static TheoryData<string> Networks => new(["MaskedGruNet", "MaskedStackNet", "MaskedBidirectionalNet"]);

    private static INetwork Create(string name, int seed) => name switch
    {
        "MaskedGruNet" => new MaskedGruNet(seed),
        "MaskedStackNet" => new MaskedStackNet(seed),
        "MaskedBidirectionalNet" => new MaskedBidirectionalNet(seed),
        _ => throw new ArgumentException(name),
    };

    /// <summary>
    /// Sequences of 1 to all steps of real ids (1 … inputDim − 1), the rest padding: at the end, or, with
    /// <paramref name="scatter"/>, spread between the real ids. The same seed gives the same real ids in the same order.
    /// </summary>
    private static float[] Padded(INetwork net, int count, int seed, bool scatter)
    {
        var embedding = (EmbeddingLayerInfo)net.Layers[0];
        int steps = net.InputSize;
        var random = new SeededRandom(seed);
        var layout = new SeededRandom(seed + 1000);
        var tokens = new float[count * steps];
        for (int s = 0; s < count; s++)
        {
            int length = 1 + random.NextInt(steps);
            float[] real = Enumerable.Range(0, length).Select(_ => (float)(1 + random.NextInt(embedding.InputDim - 1))).ToArray();
            int[] positions = scatter
                ? Enumerable.Range(0, steps).OrderBy(_ => layout.NextSingle()).Take(length).Order().ToArray()
                : Enumerable.Range(0, length).ToArray();
            for (int k = 0; k < length; k++)
            {
                tokens[s * steps + positions[k]] = real[k];
            }
        }

        return tokens;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_with_padding_matches_finite_differences(string name)
    {
        INetwork net = Create(name, seed: 4);
        for (int i = 0; i < net.ParameterCount; i++)
        {
            net.Parameters[i] += 0.1f * MathF.Sin(i);
        }

        const int Count = 4;
        float[] inputs = Padded(net, Count, seed: 5, scatter: true);
        float[] targets = Batch(net, Count, seed: 6).Targets;
        float[] gradient = AssertStepMatchesReference(net, inputs, targets, Count, name);

        // Padding's row of the table is read but masked: it takes no gradient.
        int table = net.Layers[0].Parameter("embeddings").Offset, dim = ((EmbeddingLayerInfo)net.Layers[0]).OutputDim;
        Assert.All(gradient.AsSpan(table, dim).ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Padding_anywhere_gives_the_output_of_the_real_tokens_alone(string name)
    {
        INetwork net = Create(name, seed: 7);
        const int Count = 6;
        float[] atTheEnd = Padded(net, Count, seed: 8, scatter: false), scattered = Padded(net, Count, seed: 8, scatter: true);
        Assert.NotEqual(atTheEnd, scattered);
        var first = new float[Count * net.OutputSize];
        var second = new float[Count * net.OutputSize];
        net.Forward(atTheEnd, first, Count);
        net.Forward(scattered, second, Count);
        Assert.Equal(first, second); // skipped steps do no arithmetic: the same bits

        double[] expected = ReferenceMlp.Outputs(net, Doubles(net.Parameters), [], Doubles(scattered), Count, training: false, masks: null);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], second[i], 1e-5);
        }

        // Without the mask the padding's vector would count: a network that ignored MaskZero would fail here.
        var unmasked = (float[])atTheEnd.Clone();
        Array.Fill(unmasked, 1f, 0, net.InputSize); // the first sample's padding becomes real ids
        var third = new float[Count * net.OutputSize];
        net.Forward(unmasked, third, Count);
        Assert.NotEqual(first.AsSpan(0, net.OutputSize).ToArray(), third.AsSpan(0, net.OutputSize).ToArray());
    }

    [Fact]
    public void A_stream_keeps_its_state_over_padding()
    {
        var net = new MaskedGruNet(seed: 3);
        float[] tokens = Padded(net, 1, seed: 4, scatter: true);
        var state = new MaskedGruNet.StreamState();
        var stepped = new float[MaskedGruNet.OutputSize];
        var before = new float[MaskedGruNet.OutputSize];
        for (int t = 0; t < MaskedGruNet.InputSize; t++)
        {
            stepped.CopyTo(before, 0);
            net.Step(tokens.AsSpan(t, 1), stepped, ref state);
            if (t > 0 && tokens[t] == 0f)
            {
                Assert.Equal(before, stepped);
            }
        }

        var whole = new float[MaskedGruNet.OutputSize];
        net.Forward(tokens, whole);
        Assert.Equal(whole, stepped);
    }

    [Fact]
    public void A_masked_network_trains_without_allocating()
    {
        AssertStepAllocatesNothing(new MaskedStackNet(seed: 1), 5);
    }

    [Fact]
    public void Onnx_export_refuses_a_mask_it_cannot_express()
    {
        var error = Assert.Throws<NotSupportedException>(() => new MaskedGruNet(seed: 1).ToOnnx());
        Assert.Contains("embedding_1 has MaskZero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mask_is_part_of_the_architecture()
    {
        Assert.Contains("Embedding(12, 4, mask zero)", ParameterFile.Architecture(new MaskedGruNet(seed: 1)), StringComparison.Ordinal);
        Assert.True(((EmbeddingLayerInfo)MaskedGruNet.Layers[0]).MaskZero);
        Assert.False(((EmbeddingLayerInfo)LstmNet.Layers[0]).MaskZero);
    }
}
