using StaticNet.Generated;

namespace StaticNet.Tests.Numerics;

/// <summary>
/// Samples in lanes (the batch <c>Forward</c> of narrow networks): moving tiles between rows and blocks of 16 lanes, by
/// permutes for up to 8 features and value by value beyond, and the softmax taken in lanes, which must be the row
/// softmax's bits. Every width and count here crosses whole blocks, a partial last block, and both paths.
/// </summary>
public class SampleLanesTests
{
    private const int Lanes = SampleLanes.Count;

    [Fact]
    public void Rows_go_into_lanes_feature_by_feature_with_the_last_sample_repeated_and_come_back_unchanged()
    {
        var random = new SeededRandom(11);
        for (int width = 1; width <= 12; width++)
        {
            foreach (int count in new[] { 0, 1, 5, 15, 16, 17, 32, 37, 48 })
            {
                float[] rows = [.. Enumerable.Range(0, count * width).Select(_ => random.NextSingle() * 8f - 4f)];
                var lanes = new float[SampleLanes.Blocks(count) * Lanes * width];
                lanes.AsSpan().Fill(float.NaN);
                SampleLanes.RowsToLanes(rows, lanes, count, width);
                for (int block = 0; block < SampleLanes.Blocks(count); block++)
                {
                    for (int i = 0; i < width; i++)
                    {
                        for (int t = 0; t < Lanes; t++)
                        {
                            int sample = Math.Min((block * Lanes) + t, count - 1);
                            float expected = rows[(sample * width) + i];
                            float actual = lanes[(block * Lanes * width) + (i * Lanes) + t];
                            Assert.True(expected.Equals(actual), $"width {width}, count {count}, block {block}, feature {i}, lane {t}: {actual}, expected {expected}");
                        }
                    }
                }

                var back = new float[count * width + 3];
                back.AsSpan().Fill(-7f);
                SampleLanes.LanesToRows(lanes, back, count, width);
                Assert.Equal(rows, back.AsSpan(0, count * width).ToArray());
                Assert.All(back.AsSpan(count * width).ToArray(), v => Assert.Equal(-7f, v)); // nothing past the rows written
            }
        }
    }

    [Fact]
    public void The_softmax_in_lanes_is_the_row_softmax_bit_for_bit()
    {
        var random = new SeededRandom(12);
        for (int classes = 1; classes <= 11; classes++)
        {
            foreach (int count in new[] { 1, 3, 16, 17, 33, 64, 65, 72, 137 })
            {
                // Logits from ordinary to far apart (a certain class, an underflowing exponential) and ties.
                float[] logits = [.. Enumerable.Range(0, count * classes).Select(k => k % 7 == 3 ? 0f : (random.NextSingle() - 0.5f) * (k % 5 == 0 ? 200f : 12f))];
                // Row by row: one row at a time never goes into lanes.
                var expected = new float[logits.Length];
                for (int s = 0; s < count; s++)
                {
                    Activations.ApplyRows(Activation.Softmax, logits.AsSpan(s * classes, classes), expected.AsSpan(s * classes, classes), classes);
                }

                var lanes = new float[SampleLanes.Blocks(count) * Lanes * classes];
                SampleLanes.RowsToLanes(logits, lanes, count, classes);
                var actual = new float[logits.Length + classes];
                actual.AsSpan().Fill(-7f);
                SampleLanes.SoftmaxToRows(lanes, actual, count, classes);
                Assert.All(actual.AsSpan(logits.Length).ToArray(), v => Assert.Equal(-7f, v)); // nothing past the rows written
                for (int k = 0; k < logits.Length; k++)
                {
                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected[k]) == BitConverter.SingleToInt32Bits(actual[k]),
                        $"{classes} classes, {count} samples, sample {k / classes}, class {k % classes}: {actual[k]:R} in lanes, {expected[k]:R} in rows");
                }
            }
        }
    }

    [Fact]
    public void Buffers_too_short_are_refused_with_the_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleLanes.RowsToLanes(new float[17 * 3], new float[16 * 3], 17, 3));
        Assert.Contains("96", error.Message); // two blocks of 16 samples × 3
        Assert.Contains("48", error.Message);
        error = Assert.Throws<ArgumentException>(() => SampleLanes.LanesToRows(new float[32 * 3], new float[10], 4, 3));
        Assert.Contains("12", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleLanes.SoftmaxToRows(new float[48], new float[3], -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleLanes.RowsToLanes(new float[3], new float[48], 1, 0));
    }
}
