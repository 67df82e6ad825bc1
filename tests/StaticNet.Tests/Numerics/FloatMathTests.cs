namespace StaticNet.Tests.Numerics;

/// <summary>The double-precision exp/log kernels behind softmax, and the batch losses built on them.</summary>
public class FloatMathTests
{
    [Fact]
    public void Exp_and_log_round_the_double_result_once_at_every_length()
    {
        var random = new Random(7);
        for (int length = 0; length <= 40; length++)
        {
            float[] x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 60 - 50)).ToArray();
            var exp = new float[length];
            FloatMath.Exp(x, exp);
            float[] positive = x.Select(v => MathF.Abs(v) + 1e-3f).ToArray();
            var log = new float[length];
            FloatMath.Log(positive, log);
            for (int i = 0; i < length; i++)
            {
                // Equal to the correctly rounded result (Math's double functions are accurate far beyond float).
                Assert.Equal((float)Math.Exp(x[i]), exp[i]);
                Assert.Equal((float)Math.Log(positive[i]), log[i]);
            }
        }
    }

    [Fact]
    public void Exp_equals_the_correctly_rounded_float_on_a_million_values()
    {
        // Everywhere a float's exp is a normal or subnormal float, or over- or underflows: [−110, 90], plus the range a
        // softmax uses most, [−30, 0]. The reference rounds Math.Exp's double (accurate far beyond float) once.
        var random = new Random(13);
        var x = new float[1 << 20];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i % 2 == 0 ? (float)(random.NextDouble() * 200 - 110) : (float)(random.NextDouble() * -30);
        }

        var y = new float[x.Length];
        FloatMath.Exp(x, y);
        int mismatches = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (y[i] != (float)Math.Exp(x[i]))
            {
                mismatches++;
            }
        }

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Exp_is_exact_at_zero_and_handles_the_ends_of_the_range()
    {
        float[] special = [0f, float.NegativeInfinity, -200f, 100f, float.PositiveInfinity, float.NaN, -0f, 88.7f, -103f];
        float[] expected = [1f, 0f, 0f, float.PositiveInfinity, float.PositiveInfinity, float.NaN, 1f, (float)Math.Exp(88.7f), (float)Math.Exp(-103f)];

        // 27 values, each special value three times: through 512- and 256-bit vectors and the short tail.
        float[] x = [.. special, .. special, .. special];
        var y = new float[x.Length];
        FloatMath.Exp(x, y);
        Assert.Equal([.. expected, .. expected, .. expected], y);
    }

    [Fact]
    public void Exp_refuses_spans_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => FloatMath.Exp(new float[3], new float[2]));
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_softmax_is_the_same_bits_alone_and_among_other_rows()
    {
        var random = new Random(11);
        // Up to 8 classes go through lanes (16 rows at a time with AVX-512, 8 with AVX2 only), each width its own permutes.
        foreach (int classes in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 10, 17 })
        {
            int rows = 70; // more than one chunk of 64 rows
            float[] logits = Enumerable.Range(0, rows * classes).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            var probabilities = new float[logits.Length];
            var logSumExp = new float[rows];
            Activations.SoftmaxRows(logits, probabilities, classes, logSumExp);
            for (int r = 0; r < rows; r++)
            {
                float[] alone = logits.AsSpan(r * classes, classes).ToArray();
                Activations.Softmax(alone);
                Assert.Equal(alone, probabilities.AsSpan(r * classes, classes).ToArray());
                Assert.Equal(1.0, alone.Sum(p => (double)p), 1e-6);

                double reference = Math.Log(logits.Skip(r * classes).Take(classes).Sum(z => Math.Exp(z)));
                Assert.Equal(reference, logSumExp[r], 1e-5);
                Assert.Equal(RowLogSumExp(logits.AsSpan(r * classes, classes)), logSumExp[r]);
            }
        }
    }

    /// <summary>
    /// A row's logsumexp as the softmax documents it, one value at a time: the maximum, plus the logarithm of the sum
    /// (in class order, from 0) of the shifted exponentials, each a double result rounded once to float.
    /// </summary>
    private static float RowLogSumExp(ReadOnlySpan<float> row)
    {
        float max = float.NegativeInfinity;
        foreach (float z in row)
        {
            max = MathF.Max(max, z);
        }

        float sum = 0f;
        foreach (float z in row)
        {
            sum += (float)Math.Exp(z - max);
        }

        return max + (float)Math.Log(sum);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void A_NaN_logit_makes_every_probability_NaN(int classes)
    {
        float[] values = Enumerable.Range(0, classes).Select(i => (float)i).ToArray();
        values[1] = float.NaN;
        float[] rows = [.. values, .. values];
        Activations.Softmax(values);
        Assert.All(values, p => Assert.True(float.IsNaN(p)));

        var probabilities = new float[rows.Length];
        Activations.SoftmaxRows(rows, probabilities, classes, new float[2]);
        Assert.All(probabilities, p => Assert.True(float.IsNaN(p)));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(5, 4)]
    [InlineData(32, 4)]
    [InlineData(130, 4)]
    // From 16 rows, up to 8 classes go 16 rows at a time in lanes (with AVX-512), the rows left over one by one.
    [InlineData(37, 2)]
    [InlineData(48, 3)]
    [InlineData(70, 8)]
    [InlineData(40, 9)]
    public void Batch_cross_entropies_equal_their_per_sample_calls_bit_for_bit(int count, int classes)
    {
        var random = new Random(count);
        int Classes = classes;
        float[] logits = Enumerable.Range(0, count * Classes).Select(_ => (float)(random.NextDouble() * 16 - 8)).ToArray();
        float[] labels = Enumerable.Range(0, count).Select(_ => (float)random.Next(Classes)).ToArray();
        float[] dense = Enumerable.Range(0, count * Classes).Select(_ => (float)random.NextDouble()).ToArray();

        var predictions = new float[logits.Length];
        var gradient = new float[logits.Length];
        float sparseLoss = LossFunctions.SparseSoftmaxCrossEntropyBatch(logits, labels, count, predictions, gradient);
        var densePredictions = new float[logits.Length];
        var denseGradient = new float[logits.Length];
        float denseLoss = LossFunctions.SoftmaxCrossEntropyBatch(logits, dense, count, densePredictions, denseGradient);

        float sparseSum = 0f, denseSum = 0f;
        var p = new float[Classes];
        var g = new float[Classes];
        for (int s = 0; s < count; s++)
        {
            ReadOnlySpan<float> row = logits.AsSpan(s * Classes, Classes);
            sparseSum += LossFunctions.SparseSoftmaxCrossEntropy(row, [labels[s]], p, g);
            Assert.Equal(p, predictions.AsSpan(s * Classes, Classes).ToArray());
            Assert.Equal(g, gradient.AsSpan(s * Classes, Classes).ToArray());

            denseSum += LossFunctions.SoftmaxCrossEntropy(row, dense.AsSpan(s * Classes, Classes), p, g);
            Assert.Equal(p, densePredictions.AsSpan(s * Classes, Classes).ToArray());
            Assert.Equal(g, denseGradient.AsSpan(s * Classes, Classes).ToArray());
        }

        // The batch adds the samples' losses in sample order, as the loop above does.
        Assert.Equal(sparseSum, sparseLoss);
        Assert.Equal(denseSum, denseLoss);
    }

    [Theory]
    [InlineData(32, 3)]
    [InlineData(50, 5)]
    [InlineData(16, 8)]
    public void The_batch_sparse_cross_entropy_gives_the_per_sample_bits_for_extreme_and_NaN_logits(int count, int classes)
    {
        // Logits up to ±120 apart: probabilities that underflow to subnormals (which the gradient flushes) and to 0;
        // one row with a NaN, one of equal logits, one at the largest finite values.
        var random = new Random(count * classes);
        float[] logits = Enumerable.Range(0, count * classes).Select(_ => (float)(random.NextDouble() * 240 - 120)).ToArray();
        logits[(3 * classes) + 1] = float.NaN;
        logits.AsSpan(5 * classes, classes).Fill(2.5f);
        logits.AsSpan(7 * classes, classes).Fill(float.MaxValue);
        float[] labels = Enumerable.Range(0, count).Select(_ => (float)random.Next(classes)).ToArray();
        var predictions = new float[logits.Length];
        var gradient = new float[logits.Length];
        float loss = LossFunctions.SparseSoftmaxCrossEntropyBatch(logits, labels, count, predictions, gradient);

        float expected = 0f;
        var p = new float[classes];
        var g = new float[classes];
        int subnormalProbabilities = 0;
        for (int s = 0; s < count; s++)
        {
            expected += LossFunctions.SparseSoftmaxCrossEntropy(logits.AsSpan(s * classes, classes), [labels[s]], p, g);
            for (int c = 0; c < classes; c++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(p[c]), BitConverter.SingleToInt32Bits(predictions[(s * classes) + c]));
                Assert.Equal(BitConverter.SingleToInt32Bits(g[c]), BitConverter.SingleToInt32Bits(gradient[(s * classes) + c]));
                subnormalProbabilities += float.IsSubnormal(p[c]) ? 1 : 0;
                Assert.False(float.IsSubnormal(gradient[(s * classes) + c]));
            }
        }

        Assert.True(float.IsNaN(loss) && float.IsNaN(expected)); // the NaN row's loss
        Assert.True(float.IsNaN(predictions[3 * classes]));
        Assert.Equal(1f / classes, predictions[5 * classes]);
        Assert.True(subnormalProbabilities > 0 || classes == 8, "no subnormal probability: the flush went untested");
    }

    [Fact]
    public void A_bad_label_past_a_block_of_lanes_is_named_and_the_samples_before_it_are_done()
    {
        const int Count = 48, Classes = 3;
        float[] logits = Enumerable.Range(0, Count * Classes).Select(i => (float)(i % 7) - 3f).ToArray();
        float[] labels = Enumerable.Range(0, Count).Select(i => (float)(i % Classes)).ToArray();
        labels[21] = 1.5f;
        var predictions = new float[logits.Length];
        var gradient = new float[logits.Length];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(logits, labels, Count, predictions, gradient));
        Assert.Contains("class index in 0..2, but was 1.5", error.Message, StringComparison.Ordinal);

        // The samples before it were done (sample 15, the last of the first block of lanes, here).
        var p = new float[Classes];
        var g = new float[Classes];
        LossFunctions.SparseSoftmaxCrossEntropy(logits.AsSpan(15 * Classes, Classes), [labels[15]], p, g);
        Assert.Equal(p, predictions.AsSpan(15 * Classes, Classes).ToArray());
        Assert.Equal(g, gradient.AsSpan(15 * Classes, Classes).ToArray());

        labels[21] = -1f;
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(logits, labels, Count, predictions, gradient));
        labels[21] = 3f;
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(logits, labels, Count, predictions, gradient));
        labels[21] = float.NaN;
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(logits, labels, Count, predictions, gradient));
    }

    [Fact]
    public void Batch_losses_say_what_is_wrong_with_their_arguments()
    {
        var four = new float[4];
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(four, [0f, 2f], 2, new float[4], new float[4]));
        Assert.Contains("class index in 0..1", label.Message, StringComparison.Ordinal);

        var split = Assert.Throws<ArgumentException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(four, [0f, 0f, 0f], 3, new float[4], new float[4]));
        Assert.Contains("4 logits cannot be split into 3 samples", split.Message, StringComparison.Ordinal);

        var targets = Assert.Throws<ArgumentException>(() => LossFunctions.SoftmaxCrossEntropyBatch(four, new float[2], 2, new float[4], new float[4]));
        Assert.Contains("targets", targets.Message, StringComparison.Ordinal);

        var predictions = Assert.Throws<ArgumentException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(four, [0f, 1f], 2, new float[3], new float[4]));
        Assert.Contains("predictions", predictions.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.SparseSoftmaxCrossEntropyBatch(four, [], -1, new float[4], new float[4]));
        Assert.Equal(0f, LossFunctions.SparseSoftmaxCrossEntropyBatch([], [], 0, [], []));
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns_and_checks_sizes()
    {
        float[] matrix = [1, 2, 3, 4, 5, 6]; // 2 × 3
        var transposed = new float[6];
        Matrices.Transpose(matrix, 2, 3, transposed);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], transposed);

        var error = Assert.Throws<ArgumentException>(() => Matrices.Transpose(matrix, 3, 3, transposed));
        Assert.Contains("rows × columns", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Matrices.Transpose(matrix, 2, 3, new float[5]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 16)]
    [InlineData(17, 5)]
    [InlineData(33, 40)]
    [InlineData(256, 120)]
    public void Transpose_moves_every_value_across_tile_edges(int rows, int columns)
    {
        float[] matrix = Enumerable.Range(0, rows * columns).Select(k => (float)k).ToArray();
        var transposed = new float[rows * columns];
        Matrices.Transpose(matrix, rows, columns, transposed);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                Assert.Equal(matrix[i * columns + j], transposed[j * rows + i]);
            }
        }
    }
}
