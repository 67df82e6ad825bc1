using StaticNet.Generated;

namespace StaticNet.Tests.Numerics;

/// <summary>
/// The recurrent layers' tiled products and vectorised gate functions: every output value is the same chain of fused
/// multiply-adds whatever the batch, the tile or the vector width (so a step alone gives a batch's bits), and sigmoid and
/// tanh stay within a few units in the last place of double precision, keep NaN, and give no subnormal sigmoid.
/// </summary>
public class RecurrentKernelTests
{
    [Theory]
    [InlineData(1, 7, 3)]
    [InlineData(1, 64, 192)]
    [InlineData(1, 40, 140)]
    [InlineData(5, 13, 37)]
    [InlineData(9, 64, 256)]
    [InlineData(32, 32, 192)]
    public void Each_value_is_one_chain_whatever_the_batch_and_the_tile(int count, int depth, int columns)
    {
        var random = new SeededRandom(count * 1000 + columns);
        int aStride = depth + 3, mStride = columns + 5, yStride = columns + 2;
        float[] a = Enumerable.Range(0, count * aStride).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] m = Enumerable.Range(0, depth * mStride).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] y = Enumerable.Range(0, count * yStride).Select(_ => random.NextSingle()).ToArray();
        float[] batch = (float[])y.Clone();
        RecurrentKernels.MultiplyAddRows(a, aStride, count, depth, m, mStride, batch, yStride, columns);
        bool fused = System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;
        for (int s = 0; s < count; s++)
        {
            // The same row alone gives the same bits as in the batch.
            float[] alone = y.AsSpan(s * yStride, columns).ToArray();
            RecurrentKernels.MultiplyAdd(a.AsSpan(s * aStride, depth), m, mStride, alone);
            Assert.Equal(batch.AsSpan(s * yStride, columns).ToArray(), alone);
            for (int j = 0; j < columns; j++)
            {
                float chain = y[s * yStride + j];
                double exact = y[s * yStride + j];
                for (int k = 0; k < depth; k++)
                {
                    float product = a[s * aStride + k], weight = m[k * mStride + j];
                    chain = fused ? MathF.FusedMultiplyAdd(product, weight, chain) : chain + product * weight;
                    exact += (double)product * weight;
                }

                Assert.Equal(chain, batch[s * yStride + j]);
                Assert.Equal(exact, batch[s * yStride + j], 1e-4);
            }

            // Columns past the product's are left alone.
            Assert.Equal(y.AsSpan(s * yStride + columns, yStride - columns).ToArray(), batch.AsSpan(s * yStride + columns, yStride - columns).ToArray());
        }
    }

    [Theory]
    [InlineData(8, 8, 24)] // GRU 8: a 512-bit block and a 256-bit one
    [InlineData(16, 16, 48)]
    [InlineData(32, 32, 128)] // LSTM 32: two blocks of 64 columns
    [InlineData(64, 64, 192)]
    [InlineData(5, 7, 21)] // a GRU of 7 units on 5 features: the columns past the last 8 one at a time
    [InlineData(40, 12, 60)] // deeper input than state
    [InlineData(3, 30, 99)] // deeper state than input
    public void A_steps_two_products_in_one_pass_give_each_products_bits_alone(int features, int units, int columns)
    {
        var random = new SeededRandom(features * 100 + columns);
        float[] Values(int n, float offset) => Enumerable.Range(0, n).Select(_ => random.NextSingle() - offset).ToArray();
        float[] x = Values(features, 0.5f), w = Values(features * columns, 0.5f), h = Values(units, 0.5f), u = Values(units * columns, 0.5f);
        float[] gx = Values(columns + 3, 0f), gh = Values(columns + 3, 0f); // three values past the columns, to stay as they are
        float[] gxAlone = (float[])gx.Clone(), ghAlone = (float[])gh.Clone(), start = (float[])gx.Clone(), startH = (float[])gh.Clone();

        RecurrentKernels.MultiplyAddPair(x, w, gx.AsSpan(0, columns), h, u, gh.AsSpan(0, columns), columns, columns);
        RecurrentKernels.MultiplyAdd(x, w, columns, gxAlone.AsSpan(0, columns));
        RecurrentKernels.MultiplyAdd(h, u, columns, ghAlone.AsSpan(0, columns));

        Assert.Equal(gxAlone, gx);
        Assert.Equal(ghAlone, gh);
        for (int j = 0; j < columns; j++)
        {
            // And each is its product: the starting value plus the sum, to float rounding.
            Assert.Equal(start[j] + x.Select((v, k) => (double)v * w[k * columns + j]).Sum(), gx[j], 1e-4);
            Assert.Equal(startH[j] + h.Select((v, k) => (double)v * u[k * columns + j]).Sum(), gh[j], 1e-4);
        }
    }

    [Theory]
    [InlineData(RecurrentCell.GRU, 8, 5, false)] // products and cell in one 256-bit block (StreamingCells), the features fewer than the units
    [InlineData(RecurrentCell.GRU, 8, 12, false)] // more features than units
    [InlineData(RecurrentCell.GRU, 21, 5, false)] // the separate passes: a 512-bit cell block and a padded one
    [InlineData(RecurrentCell.GRU, 40, 5, false)] // 120 columns in L1: 512-bit blocks and a 256-bit one
    [InlineData(RecurrentCell.GRU, 64, 5, false)] // kernels past the first-level cache, unaligned: the separate passes
    [InlineData(RecurrentCell.GRU, 64, 70, true)] // aligned: blocks of units with their products
    [InlineData(RecurrentCell.LSTM, 8, 5, false)]
    [InlineData(RecurrentCell.LSTM, 19, 5, false)]
    [InlineData(RecurrentCell.LSTM, 32, 5, false)]
    [InlineData(RecurrentCell.LSTM, 64, 3, true)]
    public void A_stream_of_steps_writing_its_state_in_place_gives_forwards_bits(RecurrentCell cell, int units, int features, bool aligned)
    {
        const int Steps = 6;
        var g = new RecurrentGeometry(cell, Steps, features, units, Activation.Tanh, Activation.Sigmoid, ReturnSequences: true, ResetAfter: true);
        int width = g.Gates * units;
        var random = new SeededRandom(units);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        Span<float> Place(float[] values)
        {
            if (!aligned)
            {
                return values;
            }

            Span<float> span = new AlignedFloats(values.Length).Span;
            values.CopyTo(span);
            return span;
        }

        float[] x = Values(Steps * features), bias = Values(g.BiasSize);
        ReadOnlySpan<float> kernel = Place(Values(features * width)), recurrentKernel = Place(Values(units * width));
        var sequence = new float[Steps * units];
        RecurrentReference.Forward(x, kernel, recurrentKernel, bias, sequence, new float[Steps * g.RecordSize], 1, g); // the batch passes (records kept)

        var state = new float[g.RecordSize];
        var h = new float[units];
        for (int t = 0; t < Steps; t++)
        {
            RecurrentReference.Step(x.AsSpan(t * features, features), kernel, recurrentKernel, bias, state, h, g with { Steps = 1 });
            Assert.Equal(sequence.AsSpan(t * units, units).ToArray(), h);
        }

        // One sequence in inference goes a streaming step at a time where the step can: the same bits, every step's
        // output and only the last's.
        var inference = new float[Steps * units];
        RecurrentReference.Forward(x, kernel, recurrentKernel, bias, inference, default, 1, g);
        Assert.Equal(sequence, inference);
        var last = new float[units];
        RecurrentReference.Forward(x, kernel, recurrentKernel, bias, last, default, 1, g with { ReturnSequences = false });
        Assert.Equal(sequence.AsSpan((Steps - 1) * units).ToArray(), last);
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    public void Gate_functions_are_within_a_few_ulps_keep_nan_and_give_no_subnormal_sigmoid(Activation activation)
    {
        var inputs = new List<float>();
        for (double x = -90; x <= 90; x += 0.00173)
        {
            inputs.Add((float)x);
        }

        for (double x = -1e-3; x <= 1e-3; x += 3.7e-7)
        {
            inputs.Add((float)x);
        }

        inputs.AddRange([0f, -0f, 1e-30f, -1e-30f, float.PositiveInfinity, float.NegativeInfinity, float.NaN]);
        float[] values = [.. inputs];
        float[] outputs = (float[])values.Clone();
        RecurrentKernels.Activate(activation, outputs);
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i], actual = outputs[i];
            if (float.IsNaN(x))
            {
                Assert.True(float.IsNaN(actual), $"{activation}(NaN) = {actual}");
                continue;
            }

            double expected = activation == Activation.Sigmoid ? 1 / (1 + Math.Exp(-(double)x)) : Math.Tanh(x);
            if (activation == Activation.Sigmoid)
            {
                const float MinNormal = 1.17549435e-38f;
                Assert.True(actual >= MinNormal, $"sigmoid({x}) = {actual:R}: zero or subnormal");
                if (x < -87)
                {
                    continue; // clamped: 1.6e-38 rather than a subnormal value
                }
            }

            double ulp = Math.Max(Math.Abs(expected), 1e-37) * Math.Pow(2, -23);
            Assert.True(Math.Abs(actual - expected) <= 4 * ulp, $"{activation}({x:R}) = {actual:R}, expected {expected:R}");
        }

        // A value's bits do not depend on its place in the span (the tail goes through the same vector code).
        float[] shifted = [0.5f, .. values];
        RecurrentKernels.Activate(activation, shifted);
        Assert.Equal(outputs, shifted.Skip(1));
    }
}
