using StaticNet.Generated;

namespace StaticNet.Tests.Numerics;

/// <summary>
/// The streaming passes every mini-batch backward pass starts with, run by the runtime at the widest accelerated width:
/// the bias gradient's column sums and the activation derivative over a tile. Both must give the bits of adding and
/// differentiating one value at a time (what a one-sample step does), for every column count that crosses the 128-,
/// 256- and 512-bit blocks, their overlapping tails and the scalar chains; the suite also runs with AVX-512 off and with
/// no AVX, which takes the other widths.
/// </summary>
public class TilePassTests
{
    [Fact]
    public void Column_sums_add_each_column_in_row_order_to_its_old_value_for_every_width_and_tail()
    {
        var random = new SeededRandom(5);
        for (int columns = 1; columns <= 70; columns++)
        {
            foreach (int count in new[] { 0, 1, 2, 3, 7, 32 })
            {
                float[] rows = [.. Enumerable.Range(0, count * columns + 5).Select(_ => random.NextSingle() * 20f - 10f)];
                float[] start = [.. Enumerable.Range(0, columns).Select(_ => random.NextSingle() * 3f - 1f)];
                float[] expected = [.. start];
                for (int j = 0; j < columns; j++)
                {
                    for (int s = 0; s < count; s++)
                    {
                        expected[j] += rows[(s * columns) + j];
                    }
                }

                float[] actual = [.. start];
                Matrices.AddColumnSums(rows, count, columns, actual);
                for (int j = 0; j < columns; j++)
                {
                    Assert.True(expected[j].Equals(actual[j]), $"{columns} columns, {count} rows, column {j}: {actual[j]}, expected {expected[j]} (one value at a time)");
                }
            }
        }
    }

    [Fact]
    public void Column_sums_reject_short_rows_and_a_wrong_sums_length()
    {
        var rows = new float[11];
        var sums = new float[4];
        var tooShort = Assert.Throws<ArgumentException>(() => Matrices.AddColumnSums(rows, 3, 4, sums));
        Assert.Contains("rows", tooShort.Message);
        var wrongSums = Assert.Throws<ArgumentException>(() => Matrices.AddColumnSums(rows, 2, 4, new float[5]));
        Assert.Contains("sums", wrongSums.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Matrices.AddColumnSums(rows, -1, 4, sums));
        Assert.Throws<ArgumentOutOfRangeException>(() => Matrices.AddColumnSums(rows, 1, 0, sums));
    }

    public static TheoryData<Activation> OutputDerivatives() =>
        [Activation.Linear, Activation.ReLU, Activation.LeakyReLU, Activation.Sigmoid, Activation.Tanh, Activation.ELU, Activation.SELU, Activation.HardSigmoid, Activation.Softplus];

    [Theory]
    [MemberData(nameof(OutputDerivatives))]
    public void The_activation_derivative_over_a_tile_is_each_value_s_own_derivative(Activation activation)
    {
        var random = new SeededRandom(9);
        foreach (int length in new[] { 0, 1, 3, 4, 5, 8, 15, 16, 17, 31, 33, 100 })
        {
            // Outputs the activation can produce (and zeros and boundary values, where selects and masks switch).
            float[] z = [.. Enumerable.Range(0, length).Select(i => i % 7 == 0 ? 0f : random.NextSingle() * 8f - 4f)];
            float[] output = [.. z];
            Activations.Apply(activation, output, 0.3f);
            float[] gradient = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2f - 1f)];
            float[] expected = [.. gradient];
            for (int k = 0; k < length; k++)
            {
                expected[k] = Scalar(activation, expected[k], output[k]);
            }

            Activations.Backward(activation, output, gradient, 0.3f);
            for (int k = 0; k < length; k++)
            {
                Assert.True(expected[k].Equals(gradient[k]), $"{activation}, length {length}, element {k} (output {output[k]}): {gradient[k]}, expected {expected[k]}");
            }
        }
    }

    /// <summary>Each derivative as the one-value formulas write it.</summary>
    private static float Scalar(Activation activation, float g, float a) => activation switch
    {
        Activation.Linear => g,
        Activation.ReLU => a > 0f ? g : 0f,
        Activation.LeakyReLU => a > 0f ? g : 0.3f * g,
        Activation.Sigmoid => g * (a * (1f - a)),
        Activation.Tanh => g * (1f - a * a),
        Activation.ELU => Activations.EluBackward(g, a),
        Activation.SELU => Activations.SeluBackward(g, a),
        Activation.HardSigmoid => Activations.HardSigmoidBackward(g, a),
        Activation.Softplus => Activations.SoftplusBackward(g, a),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
