using StaticNet.Tests.Networks;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// The streaming <c>Step</c> (RTNeural's use: one time step at a time, the recurrent state carried in a struct the caller
/// holds): a sequence fed a step at a time gives <c>Forward</c>'s output on the whole sequence, <c>Reset</c> starts
/// afresh, streams are independent, nothing is allocated, and networks that need the whole sequence get no <c>Step</c>.
/// </summary>
public class StreamingTests
{
    [Fact]
    public void A_simple_rnn_fed_step_by_step_gives_forwards_output()
    {
        var net = new SimpleRnnNet(seed: 3);
        var (inputs, _) = Batch(net, 4, seed: 4);
        var state = new SimpleRnnNet.StreamState();
        for (int s = 0; s < 4; s++)
        {
            ReadOnlySpan<float> sequence = inputs.AsSpan(s * 15, 15);
            var stepped = new float[3];
            for (int t = 0; t < 5; t++)
            {
                net.Step(sequence.Slice(t * 3, 3), stepped, ref state);
            }

            AssertClose(Forward(net, sequence), stepped);
            state.Reset();
        }
    }

    [Fact]
    public void A_step_whose_output_is_its_input_gives_the_same_bits_as_separate_spans()
    {
        // The last layer writes straight into the output, unless the output overlaps the input it still reads.
        var net = new LoneGruNet(seed: 3);
        var (inputs, _) = Batch(net, 2, seed: 4);
        var separate = new LoneGruNet.StreamState();
        var shared = new LoneGruNet.StreamState();
        for (int s = 0; s < 2; s++)
        {
            ReadOnlySpan<float> sequence = inputs.AsSpan(s * 24, 24);
            var stepped = new float[4];
            for (int t = 0; t < 6; t++)
            {
                float[] buffer = sequence.Slice(t * 4, 4).ToArray();
                net.Step(sequence.Slice(t * 4, 4), stepped, ref separate);
                net.Step(buffer, buffer, ref shared);
                Assert.Equal(stepped, buffer);
            }

            AssertClose(Forward(net, sequence), stepped);
            separate.Reset();
            shared.Reset();
        }
    }

    [Fact]
    public void Dense_on_every_step_before_a_gru_streams_a_step_at_a_time()
    {
        var net = new TimeDistributedNet(seed: 3);
        var (inputs, _) = Batch(net, 3, seed: 4);
        var state = new TimeDistributedNet.StreamState();
        for (int s = 0; s < 3; s++)
        {
            ReadOnlySpan<float> sequence = inputs.AsSpan(s * 18, 18);
            var stepped = new float[2];
            for (int t = 0; t < 6; t++)
            {
                net.Step(sequence.Slice(t * 3, 3), stepped, ref state);
            }

            AssertClose(Forward(net, sequence), stepped);
            state.Reset();
        }

        Assert.Null(typeof(SequenceTaggerNet).GetMethod("Step")); // an output per step: the last layers work on sequences
    }

    [Fact]
    public void Stacked_grus_fed_step_by_step_give_forwards_output_and_reset_starts_afresh()
    {
        var net = new GruNet(seed: 5);
        var (inputs, _) = Batch(net, 2, seed: 6);
        var state = new GruNet.StreamState();
        Assert.Equal(5 * 5 + 3 * 5, state.Floats.Length); // each GRU's last record: z, r, the candidate, its recurrent term, h
        var first = new float[2];
        for (int t = 0; t < 6; t++)
        {
            net.Step(inputs.AsSpan(t * 2, 2), first, ref state);
        }

        AssertClose(Forward(net, inputs.AsSpan(0, 12)), first);

        // Without a reset the state runs on; after one, the second sequence alone.
        var runOn = new float[2];
        GruNet.StreamState carried = state;
        for (int t = 0; t < 6; t++)
        {
            net.Step(inputs.AsSpan(12 + t * 2, 2), runOn, ref carried);
        }

        state.Reset();
        Assert.All(state.Floats.ToArray(), v => Assert.Equal(0f, v));
        var second = new float[2];
        for (int t = 0; t < 6; t++)
        {
            net.Step(inputs.AsSpan(12 + t * 2, 2), second, ref state);
        }

        AssertClose(Forward(net, inputs.AsSpan(12, 12)), second);
        Assert.NotEqual(second, runOn);
    }

    [Fact]
    public void Token_streams_through_an_embedding_and_an_lstm_are_independent_per_state()
    {
        var net = new LstmNet(seed: 7);
        var (inputs, _) = Batch(net, 2, seed: 8);
        var a = new LstmNet.StreamState();
        var b = new LstmNet.StreamState();
        var outA = new float[1];
        var outB = new float[1];
        for (int t = 0; t < 7; t++) // two streams interleaved, each with its own state
        {
            net.Step(inputs.AsSpan(t, 1), outA, ref a);
            net.Step(inputs.AsSpan(7 + t, 1), outB, ref b);
        }

        AssertClose(Forward(net, inputs.AsSpan(0, 7)), outA);
        AssertClose(Forward(net, inputs.AsSpan(7, 7)), outB);

        // Many streams from many threads, one state each: the same answers.
        float[] parallel = new float[16];
        Parallel.For(0, 16, i =>
        {
            var state = new LstmNet.StreamState();
            var output = new float[1];
            for (int t = 0; t < 7; t++)
            {
                net.Step(inputs.AsSpan((i % 2) * 7 + t, 1), output, ref state);
            }

            parallel[i] = output[0];
        });
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal(i % 2 == 0 ? outA[0] : outB[0], parallel[i]));
    }

    [Fact]
    public void A_step_allocates_nothing_and_checks_its_spans()
    {
        var net = new GruNet(seed: 1);
        var state = new GruNet.StreamState();
        var input = new float[2];
        var output = new float[2];
        int t = 0;
        Allocations.AssertNoneOnceWarm(() =>
        {
            input[0] = t++ * 0.01f;
            net.Step(input, output, ref state);
        }, callsPerWindow: 100);
        Assert.Contains("one step of GruNet's input", Assert.Throws<ArgumentException>(() => net.Step(new float[3], output, ref state)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_networks_that_can_run_a_step_at_a_time_get_a_step()
    {
        Assert.NotNull(typeof(SimpleRnnNet).GetNestedType("StreamState"));
        Assert.NotNull(typeof(LstmNet).GetMethod("Step", [typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(LstmNet.StreamState).MakeByRefType()]));

        // Pooling over the steps needs the whole sequence; a plain classifier has no state to carry.
        Assert.Null(typeof(RecurrentStackNet).GetNestedType("StreamState"));
        Assert.Null(typeof(RecurrentStackNet).GetMethod("Step"));
        Assert.Null(typeof(IrisNet).GetNestedType("StreamState"));
        Assert.Null(typeof(EmbeddingConvNet).GetMethod("Step"));
        Assert.Null(typeof(BidirectionalNet).GetNestedType("StreamState")); // its backward direction starts at the sequence's end
    }

    private static float[] Forward(INetwork net, ReadOnlySpan<float> sequence)
    {
        var output = new float[net.OutputSize];
        net.Forward(sequence, output);
        return output;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f * Math.Abs(expected[i]) + 1e-7f, $"output {i}: Forward {expected[i]:R}, Step {actual[i]:R}");
        }
    }
}
