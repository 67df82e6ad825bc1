using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Generated;

/// <summary>
/// Additive Gaussian noise over a tile of rows: in training <c>y = x + stddev · ε</c> with ε standard normal, otherwise a
/// copy. The backward pass is the identity (the noise does not depend on x), so the generated layer passes its output
/// gradient straight on.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GaussianNoiseReference
{
    /// <summary>
    /// Fills <paramref name="noise"/> with standard normal draws from <paramref name="random"/>: Box–Muller on two 53-bit
    /// uniform doubles per pair of values, the cosine branch first and the sine branch second (an odd length leaves the
    /// last sine unused). Computed in double and rounded once.
    /// </summary>
    public static void FillStandardNormal(Span<float> noise, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < noise.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(); // (0, 1], so the log is finite
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            (double sin, double cos) = Math.SinCos(2.0 * Math.PI * u2);
            noise[i] = (float)(radius * cos);
            if (i + 1 < noise.Length)
            {
                noise[i + 1] = (float)(radius * sin);
            }
        }
    }

    /// <summary>
    /// The training-step forward pass for <paramref name="count"/> rows of <paramref name="units"/>: in training,
    /// <c>y = x + stddev · ε</c> with ε drawn by <see cref="FillStandardNormal"/> over the whole tile, row after row;
    /// otherwise a copy.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, int count, int units, float stddev, SeededRandom random, bool training)
    {
        DenseReference.CheckRows(x.Length, count, units, nameof(x));
        DenseReference.CheckRows(y.Length, count, units, nameof(y));
        if (!(stddev >= 0f && float.IsFinite(stddev)))
        {
            throw InvariantErrors.OutOfRange(nameof(stddev), stddev, "The noise's standard deviation must be finite and ≥ 0.");
        }

        int length = count * units;
        Span<float> values = y.Slice(0, length);
        if (!training)
        {
            x.Slice(0, length).CopyTo(values);
            return;
        }

        FillStandardNormal(values, random);
        TensorPrimitives.MultiplyAdd(values, stddev, x.Slice(0, length), values);
    }
}
