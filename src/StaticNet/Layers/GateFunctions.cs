using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// Sigmoid and tanh over spans for the recurrent gates, vectorised, within a few units in the last place:
/// <list type="bullet">
/// <item>exp(x) = 2ᵏ·eʳ with k = round(x·log₂e), r = x − k·ln 2 in two parts (Cody and Waite), eʳ by its Taylor series
/// to r⁷ (|r| ≤ ln 2 / 2: the first term left out is below 5·10⁻⁹) in Estrin's form (measured on a million points of
/// ±87: sigmoid within 1.77 ulp against 1.21 by Horner's rule, for three multiply-adds of latency rather than seven),
/// 2ᵏ built from its exponent bits; x is clamped to
/// ±87, so no result is subnormal (a sigmoid's smallest value is 1.6·10⁻³⁸, not a value that costs every later
/// operation a microcode assist on Intel processors);</item>
/// <item>sigmoid(x) = 1 / (1 + exp(−x)), which has no cancellation;</item>
/// <item>tanh(x) = x·p(x²)/q(x²) with x clamped to ±9 (tanh(9) rounds to 1), p and q of degree 4 with p(0) = q(0) = 1
/// (tanh(x) = x for tiny x), fitted to tanh(x)/x on [0, 9] for the least largest relative error (2.1·10⁻⁸:
/// tests/reference/tanh_rational_fit.py) and evaluated by Horner's rule: at most 2.6 units of 2⁻²³ relative error
/// (measured on every 7th float of [0, 10]), and one division where the exponential's form,
/// ±(1 − 2 / (exp(2|x|) + 1)) beside x·p(x²) near zero, took two paths to a select. A recurrent cell waits on its tanh
/// (a GRU's candidate, an LSTM's candidate and its tanh(c)): about 40 cycles of latency against about 64. Horner's rule
/// rather than Estrin's form, whose t² and t⁴ are subnormal for |x| between 10⁻¹⁰ and 10⁻⁵ (an LSTM of 8 units
/// streamed 70–75 ns a step with it, 49 ns by Horner's rule).</item>
/// </list>
/// Every value goes through the vector code, the tail in a padded vector, so a value's bits do not depend on its place
/// in the span or on the span's length (a streaming step gives the bits of the whole sequence).
/// </summary>
internal static class GateFunctions
{
    /// <summary>One function at both widths.</summary>
    public interface IFunction
    {
        static abstract Vector512<float> Of(Vector512<float> x);

        static abstract Vector256<float> Of(Vector256<float> x);
    }

    /// <summary>Whether the vector code runs at full speed: 256-bit vectors with fused multiply-add (else callers use the scalar library).</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    /// <summary>Applies <typeparamref name="TFunction"/> in place (needs <see cref="IsAccelerated"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TFunction>(Span<float> values)
        where TFunction : IFunction
    {
        ref float v0 = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                TFunction.Of(Vector512.LoadUnsafe(ref v0, (nuint)i)).StoreUnsafe(ref v0, (nuint)i);
            }
        }

        // Eight at a time, and the tail in a padded vector: lane by lane the same operations as sixteen at a time.
        for (; i + 8 <= n; i += 8)
        {
            TFunction.Of(Vector256.LoadUnsafe(ref v0, (nuint)i)).StoreUnsafe(ref v0, (nuint)i);
        }

        if (i < n)
        {
            Vector256<float> tail = default;
            ref float t0 = ref Unsafe.As<Vector256<float>, float>(ref tail);
            for (int k = i; k < n; k++)
            {
                Unsafe.Add(ref t0, k - i) = Unsafe.Add(ref v0, k);
            }

            tail = TFunction.Of(tail);
            for (int k = i; k < n; k++)
            {
                Unsafe.Add(ref v0, k) = Unsafe.Add(ref t0, k - i);
            }
        }
    }

    private const float Log2E = 1.44269504f;
    private const float Ln2High = 0.693359375f; // ln 2 = Ln2High + Ln2Low, the high part exact in 9 bits, so k·Ln2High is exact
    private const float Ln2Low = -2.12194440e-4f;
    private const float RoundingShift = 12582912f; // 1.5·2²³: adding it rounds to an integer, left in the low mantissa bits
    private const float Limit = 87f;

    // Taylor coefficients of eʳ, 1/n!.
    private const float E2 = 1f / 2, E3 = 1f / 6, E4 = 1f / 24, E5 = 1f / 120, E6 = 1f / 720, E7 = 1f / 5040;

    // tanh(x)/x ≈ (1 + P1·t + … + P4·t⁴) / (1 + Q1·t + … + Q4·t⁴), t = x², on [0, 9] (tests/reference/tanh_rational_fit.py).
    private const float P1 = 1.3383982e-01f, P2 = 3.498997e-03f, P3 = 2.0661277e-05f, P4 = 1.34198395e-08f;
    private const float Q1 = 4.6717304e-01f, Q2 = 2.589021e-02f, Q3 = 3.29104e-04f, Q4 = 7.8047367e-07f;
    private const float TanhLimit = 9f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-Limit)), Vector512.Create(Limit));
        Vector512<float> shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        Vector512<float> k = shifted - Vector512.Create(RoundingShift);
        Vector512<float> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Low), r);
        // Estrin's scheme: pairs of terms side by side, then joined by r² and r⁴, three multiply-adds deep rather than
        // seven (a recurrent cell's gates wait on two exponentials one after the other).
        Vector512<float> r2 = r * r;
        Vector512<float> p01 = r + Vector512<float>.One;
        Vector512<float> p23 = Vector512.FusedMultiplyAdd(Vector512.Create(E3), r, Vector512.Create(E2));
        Vector512<float> p45 = Vector512.FusedMultiplyAdd(Vector512.Create(E5), r, Vector512.Create(E4));
        Vector512<float> p67 = Vector512.FusedMultiplyAdd(Vector512.Create(E7), r, Vector512.Create(E6));
        Vector512<float> p = Vector512.FusedMultiplyAdd(
            Vector512.FusedMultiplyAdd(p67, r2, p45), r2 * r2, Vector512.FusedMultiplyAdd(p23, r2, p01));
        Vector512<int> exponent = (shifted.AsInt32() - Vector512.Create(RoundingShift).AsInt32() + Vector512.Create(127)) << 23;
        return p * exponent.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-Limit)), Vector256.Create(Limit));
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> k = shifted - Vector256.Create(RoundingShift);
        Vector256<float> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Low), r);
        // Estrin's scheme: pairs of terms side by side, then joined by r² and r⁴, three multiply-adds deep rather than
        // seven (a recurrent cell's gates wait on two exponentials one after the other).
        Vector256<float> r2 = r * r;
        Vector256<float> p01 = r + Vector256<float>.One;
        Vector256<float> p23 = Vector256.FusedMultiplyAdd(Vector256.Create(E3), r, Vector256.Create(E2));
        Vector256<float> p45 = Vector256.FusedMultiplyAdd(Vector256.Create(E5), r, Vector256.Create(E4));
        Vector256<float> p67 = Vector256.FusedMultiplyAdd(Vector256.Create(E7), r, Vector256.Create(E6));
        Vector256<float> p = Vector256.FusedMultiplyAdd(
            Vector256.FusedMultiplyAdd(p67, r2, p45), r2 * r2, Vector256.FusedMultiplyAdd(p23, r2, p01));
        Vector256<int> exponent = (shifted.AsInt32() - Vector256.Create(RoundingShift).AsInt32() + Vector256.Create(127)) << 23;
        return p * exponent.AsSingle();
    }

    /// <summary>1 / (1 + exp(−x)).</summary>
    public readonly struct Sigmoid : IFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Of(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Of(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));
    }

    /// <summary>x·p(x²)/q(x²) with x clamped to ±9; NaN stays NaN (the clamps take x as their second operand).</summary>
    public readonly struct Tanh : IFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Of(Vector512<float> x)
        {
            x = Vector512.Min(Vector512.Max(x, Vector512.Create(-TanhLimit)), Vector512.Create(TanhLimit));
            Vector512<float> t = x * x;
            Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(P4), t, Vector512.Create(P3)), t, Vector512.Create(P2)), t, Vector512.Create(P1)), t, Vector512<float>.One);
            Vector512<float> q = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(Q4), t, Vector512.Create(Q3)), t, Vector512.Create(Q2)), t, Vector512.Create(Q1)), t, Vector512<float>.One);
            return x * p / q;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Of(Vector256<float> x)
        {
            x = Vector256.Min(Vector256.Max(x, Vector256.Create(-TanhLimit)), Vector256.Create(TanhLimit));
            Vector256<float> t = x * x;
            Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(P4), t, Vector256.Create(P3)), t, Vector256.Create(P2)), t, Vector256.Create(P1)), t, Vector256<float>.One);
            Vector256<float> q = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(Q4), t, Vector256.Create(Q3)), t, Vector256.Create(Q2)), t, Vector256.Create(Q1)), t, Vector256<float>.One);
            return x * p / q;
        }
    }
}
