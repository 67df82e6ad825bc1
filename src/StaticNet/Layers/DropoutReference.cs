using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// Inverted dropout over a tile of rows: the mask holds <c>1 / (1 − rate)</c> where a value is kept and 0 where it is
/// dropped, so forward is <c>y = x ⊙ mask</c> and backward <c>dL/dx = dL/dy ⊙ mask</c>. Element-wise, so the generated
/// layer calls these directly (TensorPrimitives vectorises them on any hardware).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutReference
{
    /// <summary>
    /// Fills <paramref name="mask"/> for a layer dropping <paramref name="rate"/> of its values, drawing from
    /// <paramref name="random"/>: each 64-bit draw decides two values, its low 32 bits the first and its high 32 bits the
    /// second, and a value is kept where those bits, read as a fraction u of 2³², satisfy <c>u &lt; 1 − rate</c> (as Keras
    /// keeps a value where its uniform draw is below the keep probability). An odd length leaves the last draw's high
    /// half unused. Branch-free and vectorised: which values are kept is random, so a branch per value would be
    /// mispredicted as often as the rate says.
    /// </summary>
    public static void FillMask(Span<float> mask, float rate, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(rate >= 0f && rate < 1f))
        {
            throw InvariantErrors.OutOfRange(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        }

        // ⌈(1 − rate)·2³²⌉ is 2³² only for rates below 2⁻³²: then every value is kept.
        ulong keepBelow = KeepThreshold(rate);
        uint threshold = keepBelow > uint.MaxValue ? uint.MaxValue : (uint)keepBelow;
        bool keepAll = keepBelow > uint.MaxValue;
        uint scale = BitConverter.SingleToUInt32Bits(Scale(rate));
        Span<ulong> draws = stackalloc ulong[Chunk];
        for (int first = 0; first < mask.Length; first += 2 * Chunk)
        {
            int count = Math.Min(2 * Chunk, mask.Length - first);
            Span<ulong> chunk = draws.Slice(0, (count + 1) / 2);
            random.Fill(chunk);
            ReadOnlySpan<uint> bits = MemoryMarshal.Cast<ulong, uint>(chunk); // little-endian: low half, then high half
            Span<uint> output = MemoryMarshal.Cast<float, uint>(mask.Slice(first, count));
            int i = 0;
            if (Vector256.IsHardwareAccelerated && !keepAll)
            {
                var limit = Vector256.Create(threshold);
                var kept = Vector256.Create(scale);
                for (; i + Vector256<uint>.Count <= count; i += Vector256<uint>.Count)
                {
                    Vector256.StoreUnsafe(Vector256.LessThan(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(bits), (nuint)i), limit) & kept, ref MemoryMarshal.GetReference(output), (nuint)i);
                }
            }

            for (; i < count; i++)
            {
                output[i] = keepAll || bits[i] < threshold ? scale : 0u;
            }
        }
    }

    /// <summary>64-bit draws per pass of <see cref="FillMask"/>: a buffer on the stack.</summary>
    private const int Chunk = 256;

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
