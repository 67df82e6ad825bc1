using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// exp of doubles that came from floats, written for a short dependency chain: one sample's softmax waits for it. The
/// runtime's <c>Vector256.Exp</c> evaluates its polynomial by Horner's rule, about twelve dependent multiply-adds; this
/// one uses Estrin's scheme (four levels). Its error, a few units in the last place of a double, is far below what
/// rounding to float can see, so <see cref="FloatMath"/>'s results stay equal to the correctly rounded float (tested).
/// </summary>
internal static class DoubleExp
{
    private const double InverseLn2 = 1.4426950408889634;
    private const double Ln2High = 0.6931471805599453; // ln 2 rounded to double
    private const double Ln2Low = 2.3190468138462996e-17; // ln 2 − Ln2High

    /// <summary>1.5 · 2⁵²: adding it rounds a double of magnitude below 2⁵¹ to an integer held in the low bits.</summary>
    private const double RoundingShift = 6755399441055744.0;

    // The arguments come from floats: exp is below float's smallest subnormal under −104 and above float.MaxValue over
    // 89, so clamping to [−110, 89] changes no float result and keeps 2^k a normal double. NaN passes through the clamp.
    private const double Lowest = -110;
    private const double Highest = 89;

    /// <summary>exp of each lane (for arguments that are floats widened to double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));

        // x = k·ln 2 + r with k an integer and |r| ≤ ln 2 / 2 (Cody and Waite's two-part ln 2, exact with FMA). k times the
        // negated constant is −k times the constant exactly, with no negation of k to wait for.
        Vector256<double> shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(InverseLn2), Vector256.Create(RoundingShift));
        Vector256<double> k = shifted - Vector256.Create(RoundingShift);
        Vector256<double> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Low), r);

        // exp(r) by its Taylor series to r¹³ (truncation below 1e-17 on |r| ≤ 0.35), in Estrin's pairs. The first pair, 1 + r,
        // is an addition: the value r·1 + 1 rounds to, on a port the multiply-adds leave free.
        Vector256<double> r2 = r * r;
        Vector256<double> r4 = r2 * r2;
        Vector256<double> r8 = r4 * r4;
        Vector256<double> p01 = r + Vector256.Create(1.0);
        Vector256<double> p23 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 6), Vector256.Create(1.0 / 2));
        Vector256<double> p45 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 120), Vector256.Create(1.0 / 24));
        Vector256<double> p67 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 5040), Vector256.Create(1.0 / 720));
        Vector256<double> p89 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 362880), Vector256.Create(1.0 / 40320));
        Vector256<double> p1011 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 39916800), Vector256.Create(1.0 / 3628800));
        Vector256<double> p1213 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 6227020800), Vector256.Create(1.0 / 479001600));
        Vector256<double> q0 = Vector256.FusedMultiplyAdd(r2, p23, p01);
        Vector256<double> q1 = Vector256.FusedMultiplyAdd(r2, p67, p45);
        Vector256<double> q2 = Vector256.FusedMultiplyAdd(r2, p1011, p89);
        Vector256<double> s0 = Vector256.FusedMultiplyAdd(r4, q1, q0);
        Vector256<double> s1 = Vector256.FusedMultiplyAdd(r4, p1213, q2);
        Vector256<double> poly = Vector256.FusedMultiplyAdd(r8, s1, s0);

        // × 2^k, built from k's bits (k + 1023 in the exponent field).
        Vector256<long> exponent = shifted.AsInt64() - Vector256.Create(RoundingShift).AsInt64() + Vector256.Create(1023L);
        return poly * Vector256.ShiftLeft(exponent, 52).AsDouble();
    }

    /// <summary>
    /// <see cref="Exp(Vector256{double})"/> in 512-bit vectors: the same operations lane for lane (so the same bits), written
    /// out again because the runtime has no public interface to write vector code once for both widths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));

        // x = k·ln 2 + r with k an integer and |r| ≤ ln 2 / 2 (Cody and Waite's two-part ln 2, exact with FMA). k times the
        // negated constant is −k times the constant exactly, with no negation of k to wait for.
        Vector512<double> shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(InverseLn2), Vector512.Create(RoundingShift));
        Vector512<double> k = shifted - Vector512.Create(RoundingShift);
        Vector512<double> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Low), r);

        // exp(r) by its Taylor series to r¹³ (truncation below 1e-17 on |r| ≤ 0.35), in Estrin's pairs. The first pair, 1 + r,
        // is an addition: the value r·1 + 1 rounds to, on a port the multiply-adds leave free.
        Vector512<double> r2 = r * r;
        Vector512<double> r4 = r2 * r2;
        Vector512<double> r8 = r4 * r4;
        Vector512<double> p01 = r + Vector512.Create(1.0);
        Vector512<double> p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 6), Vector512.Create(1.0 / 2));
        Vector512<double> p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 120), Vector512.Create(1.0 / 24));
        Vector512<double> p67 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 5040), Vector512.Create(1.0 / 720));
        Vector512<double> p89 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 362880), Vector512.Create(1.0 / 40320));
        Vector512<double> p1011 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 39916800), Vector512.Create(1.0 / 3628800));
        Vector512<double> p1213 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 6227020800), Vector512.Create(1.0 / 479001600));
        Vector512<double> q0 = Vector512.FusedMultiplyAdd(r2, p23, p01);
        Vector512<double> q1 = Vector512.FusedMultiplyAdd(r2, p67, p45);
        Vector512<double> q2 = Vector512.FusedMultiplyAdd(r2, p1011, p89);
        Vector512<double> s0 = Vector512.FusedMultiplyAdd(r4, q1, q0);
        Vector512<double> s1 = Vector512.FusedMultiplyAdd(r4, p1213, q2);
        Vector512<double> poly = Vector512.FusedMultiplyAdd(r8, s1, s0);

        // × 2^k, built from k's bits (k + 1023 in the exponent field).
        Vector512<long> exponent = shifted.AsInt64() - Vector512.Create(RoundingShift).AsInt64() + Vector512.Create(1023L);
        return poly * Vector512.ShiftLeft(exponent, 52).AsDouble();
    }
}
