using System.Text.Json;
using StaticNet.Generated;

namespace StaticNet.Tests.Reference;

/// <summary>
/// The runtime's SimpleRNN, GRU (both reset placements) and LSTM against PyTorch in float64
/// (tests/reference/results/recurrent.json, made by recurrent_fixtures.py, which writes out the translation from Keras's
/// layouts and gate orders to PyTorch's): the output over a sequence and every gradient through time (kernels, bias,
/// input), for every step's state and the last one's, batches of 8 and 1, and Keras's Bidirectional (both directions'
/// weights, [forward, backward] outputs, the input gradient of both).
/// </summary>
public class RecurrentAgreementTests
{
    private static readonly JsonElement Document =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "recurrent.json"))).RootElement;

    public static TheoryData<string> Names => new(Document.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    private static float[] Floats(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static double[] Doubles(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>
    /// A case, its geometry and its directions (Keras's Bidirectional: the backward layer reads the steps last to first,
    /// its units second, its input gradient added), its input and its mask (Keras's: 0 where a step is padding; none).
    /// </summary>
    private static (JsonElement Case, int Batch, RecurrentGeometry Geometry, (string Prefix, RecurrentGeometry Geometry)[] Directions, float[] X, float[] Tokens) Load(string name)
    {
        JsonElement c = Document.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var cell = Enum.Parse<RecurrentCell>(c.GetProperty("cell").GetString()!);
        int units = c.GetProperty("units").GetInt32();
        bool bidirectional = c.GetProperty("bidirectional").GetBoolean();
        var g = new RecurrentGeometry(
            cell, c.GetProperty("steps").GetInt32(), c.GetProperty("features").GetInt32(), units,
            Activation.Tanh, Activation.Sigmoid, c.GetProperty("return_sequences").GetBoolean(), c.GetProperty("reset_after").GetBoolean(),
            Width: bidirectional ? 2 * units : 0);
        (string, RecurrentGeometry)[] directions = bidirectional
            ? [("", g), ("backward_", g with { Reverse = true, OutputOffset = units, AddInputGradient = true })]
            : [("", g)];
        return (c, c.GetProperty("batch").GetInt32(), g, directions, Floats(c, "x"), c.TryGetProperty("mask", out _) ? Floats(c, "mask") : []);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Output_and_every_gradient_through_time_match_pytorch(string name)
    {
        var (c, batch, g, directions, x, tokens) = Load(name);
        var output = new float[batch * g.OutputSize];
        var records = directions.Select(_ => new float[batch * g.Steps * g.RecordSize]).ToArray();
        var inference = new float[output.Length];
        for (int d = 0; d < directions.Length; d++)
        {
            (string prefix, RecurrentGeometry geometry) = directions[d];
            Assert.Equal(geometry.BiasSize, Floats(c, prefix + "bias").Length);
            RecurrentReference.Forward(x, Floats(c, prefix + "kernel"), Floats(c, prefix + "recurrent_kernel"), Floats(c, prefix + "bias"), output, records[d], batch, geometry, tokens);
            RecurrentReference.Forward(x, Floats(c, prefix + "kernel"), Floats(c, prefix + "recurrent_kernel"), Floats(c, prefix + "bias"), inference, default, batch, geometry, tokens);
        }

        AssertClose(Doubles(c, "output"), output, name, "output");
        Assert.Equal(output, inference); // inference, keeping no records, gives the same bits

        var inputGradient = new float[x.Length];
        for (int d = 0; d < directions.Length; d++)
        {
            (string prefix, RecurrentGeometry geometry) = directions[d];
            float[] kernel = Floats(c, prefix + "kernel"), recurrent = Floats(c, prefix + "recurrent_kernel");
            var kernelGradient = new float[kernel.Length];
            var recurrentGradient = new float[recurrent.Length];
            var biasGradient = new float[geometry.BiasSize];
            RecurrentReference.Backward(x, kernel, recurrent, records[d], Floats(c, "output_weights"), kernelGradient, recurrentGradient, biasGradient, inputGradient, batch, geometry, tokens);
            AssertClose(Doubles(c, prefix + "kernel_gradient"), kernelGradient, name, prefix + "kernel gradient");
            AssertClose(Doubles(c, prefix + "recurrent_kernel_gradient"), recurrentGradient, name, prefix + "recurrent kernel gradient");
            AssertClose(Doubles(c, prefix + "bias_gradient"), biasGradient, name, prefix + "bias gradient");
        }

        AssertClose(Doubles(c, "input_gradient"), inputGradient, name, "input gradient");
    }

    /// <summary>
    /// Three of Keras's Adam steps (learning rate 0.01) on the same loss, each from the gradient through time of the
    /// tensors the last one left: the tensors after them against the script's float64 Keras Adam on PyTorch's gradients.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Three_adam_steps_through_time_match_pytorch(string name)
    {
        var (c, batch, g, directions, x, tokens) = Load(name);
        int units = g.Units;
        string[] tensors = ["kernel", "recurrent_kernel", "bias"];
        float[] weights = Floats(c, "output_weights");

        // Every direction's kernel, recurrent kernel and bias, one after another, as a network's parameter vector.
        float[] parameters = directions.SelectMany(d => tensors.SelectMany(t => Floats(c, d.Prefix + t))).ToArray();
        int width = g.Gates * units;
        int[] sizes = [g.Features * width, units * width, g.BiasSize];
        var adam = new Adam(0.01f);
        var gradient = new float[parameters.Length];
        for (int step = 0; step < 3; step++)
        {
            Array.Clear(gradient);
            var output = new float[batch * g.OutputSize];
            for (int d = 0; d < directions.Length; d++)
            {
                Span<float> own = parameters.AsSpan(d * sizes.Sum());
                var records = new float[batch * g.Steps * g.RecordSize];
                RecurrentReference.Forward(x, own[..sizes[0]], own.Slice(sizes[0], sizes[1]), own.Slice(sizes[0] + sizes[1], sizes[2]), output, records, batch, directions[d].Geometry, tokens);
                Span<float> grad = gradient.AsSpan(d * sizes.Sum());
                RecurrentReference.Backward(
                    x, own[..sizes[0]], own.Slice(sizes[0], sizes[1]), records, weights, grad[..sizes[0]], grad.Slice(sizes[0], sizes[1]), grad.Slice(sizes[0] + sizes[1], sizes[2]),
                    default, batch, directions[d].Geometry, tokens);
            }

            adam.Step(parameters, gradient);
        }

        int offset = 0;
        foreach ((string prefix, _) in directions)
        {
            foreach (string tensor in tensors)
            {
                double[] expected = Doubles(c, prefix + tensor + "_after_adam");
                float[] before = Floats(c, prefix + tensor);
                for (int i = 0; i < expected.Length; i++)
                {
                    // Adam's step is about the learning rate whatever the gradient's size: agreement to 1e-5 of the
                    // tensor's values (each moved up to 0.03) says the three gradients agreed in sign and proportion.
                    float actual = parameters[offset + i];
                    Assert.True(Math.Abs(actual - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"{name}, {prefix}{tensor} {i} after three Adam steps: {actual:R}, Keras's Adam on PyTorch's gradients {expected[i]:R}");
                    Assert.NotEqual(before[i], actual); // every value moved
                }

                offset += expected.Length;
            }
        }
    }

    [Fact]
    public void Every_cell_and_both_gru_forms_have_cases()
    {
        string[] cells = Document.GetProperty("cases").EnumerateArray()
            .Select(c => (c.TryGetProperty("mask", out _) ? "masked " : string.Empty) + (c.GetProperty("bidirectional").GetBoolean() ? "bidirectional " : string.Empty) + c.GetProperty("cell").GetString()! + (c.GetProperty("reset_after").GetBoolean() ? string.Empty : "-before"))
            .Distinct().ToArray();
        Assert.Equal(
            ["SimpleRNN", "GRU", "GRU-before", "LSTM", "bidirectional GRU", "bidirectional LSTM", "masked SimpleRNN", "masked GRU", "masked GRU-before", "masked LSTM", "masked bidirectional GRU", "masked bidirectional LSTM"],
            cells);
    }

    /// <summary>float32 against float64 over seven steps: relative 1e-4 of the largest value, plus 1e-5 of each.</summary>
    private static void AssertClose(double[] expected, float[] actual, string name, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, $"{name}: the reference {what} is all zero");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Abs(expected[i]) + 1e-5 * scale, $"{name}, {what} {i}: {actual[i]:R}, PyTorch {expected[i]:R}");
        }
    }
}
