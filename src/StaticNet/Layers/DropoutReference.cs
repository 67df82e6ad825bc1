using System.Numerics.Tensors;

namespace StaticNet.Layers;

/// <summary>
/// Inverted dropout over a tile of rows: the mask holds <c>1 / (1 − rate)</c> where a value is kept and 0 where it is
/// dropped, so forward is <c>y = x ⊙ mask</c> and backward <c>dL/dx = dL/dy ⊙ mask</c>. Element-wise, so the generated
/// layer calls these directly (TensorPrimitives vectorises them on any hardware).
/// </summary>
public static class DropoutReference
{
    /// <summary>
    /// Fills <paramref name="mask"/> for a layer dropping <paramref name="rate"/> of its values, drawing from
    /// <paramref name="random"/>: each 64-bit draw decides two values, its high 32 bits the first and its low 32 bits the
    /// second, and a value is kept where those bits, read as a fraction u of 2³², satisfy <c>u &lt; 1 − rate</c> (as Keras
    /// keeps a value where its uniform draw is below the keep probability). An odd length leaves the last draw's low half unused.
    /// </summary>
    public static void FillMask(Span<float> mask, float rate, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        }

        ulong threshold = KeepThreshold(rate);
        float scale = Scale(rate);
        int i = 0;
        for (; i + 1 < mask.Length; i += 2)
        {
            ulong bits = random.NextUInt64();
            mask[i] = (bits >> 32) < threshold ? scale : 0f;
            mask[i + 1] = (bits & 0xFFFF_FFFFUL) < threshold ? scale : 0f;
        }

        if (i < mask.Length)
        {
            mask[i] = (random.NextUInt64() >> 32) < threshold ? scale : 0f;
        }
    }

    /// <summary>The factor kept values are multiplied by: <c>1 / (1 − rate)</c>, computed in double and rounded once.</summary>
    public static float Scale(float rate) => (float)(1.0 / (1.0 - rate));

    /// <summary>32 random bits below this keep their value: ⌈(1 − rate) · 2³²⌉.</summary>
    public static ulong KeepThreshold(float rate) => (ulong)Math.Ceiling((1.0 - rate) * 4294967296.0);

    /// <summary>
    /// The training-mode forward pass for <paramref name="count"/> rows of <paramref name="units"/>: in training, draws a
    /// new mask and writes <c>x ⊙ mask</c>; otherwise fills the mask with ones and copies (so the backward pass is the same
    /// either way).
    /// </summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> mask, int count, int units, float rate, SeededRandom random, bool training)
    {
        int length = count * units;
        DenseReference.CheckRows(x.Length, count, units, nameof(x));
        DenseReference.CheckRows(y.Length, count, units, nameof(y));
        DenseReference.CheckRows(mask.Length, count, units, nameof(mask));
        if (training)
        {
            FillMask(mask.Slice(0, length), rate, random);
            TensorPrimitives.Multiply(x.Slice(0, length), mask.Slice(0, length), y.Slice(0, length));
        }
        else
        {
            mask.Slice(0, length).Fill(1f);
            x.Slice(0, length).CopyTo(y);
        }
    }

    /// <summary>dL/dx = dL/dy ⊙ mask for <paramref name="count"/> rows of <paramref name="units"/>.</summary>
    public static void Backward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> mask, Span<float> inputGradient, int count, int units)
    {
        int length = count * units;
        DenseReference.CheckRows(gradient.Length, count, units, nameof(gradient));
        DenseReference.CheckRows(mask.Length, count, units, nameof(mask));
        DenseReference.CheckRows(inputGradient.Length, count, units, nameof(inputGradient));
        TensorPrimitives.Multiply(gradient.Slice(0, length), mask.Slice(0, length), inputGradient.Slice(0, length));
    }
}
