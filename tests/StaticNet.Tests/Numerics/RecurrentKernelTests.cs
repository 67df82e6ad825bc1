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
