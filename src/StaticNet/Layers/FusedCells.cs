using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// The GRU (reset after the product) and LSTM cells with Keras's default activations (sigmoid gates, tanh) in one pass
/// over the units, eight at a time in registers, after the step's products: the same operations, in the same order, as
/// the cells written over whole spans (<c>RecurrentReference</c>), so the same bits, without a call and a trip through
/// memory per operation (at 8 units the calls were most of a step). The units past the last full eight go through the
/// same vector code in padded vectors.
/// </summary>
internal static class FusedCells
{
    /// <summary>
    /// GRU: z, r = σ(gx + gh); the recurrent candidate term gh_h; candidate = tanh(r ⊙ gh_h + gx_h);
    /// h = candidate + z ⊙ (h₋₁ − candidate), into the record [z, r, candidate, recurrent term, h].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gru(ReadOnlySpan<float> gx, ReadOnlySpan<float> gh, ReadOnlySpan<float> hPrevious, Span<float> record, int u)
    {
        if (gx.Length < 3 * u || gh.Length < 3 * u || hPrevious.Length < u || record.Length < 5 * u)
        {
            ShapeGuard.ThrowLength(nameof(record), 5 * u, record.Length, "a GRU record");
        }

        ref float x0 = ref MemoryMarshal.GetReference(gx);
        ref float h0 = ref MemoryMarshal.GetReference(gh);
        ref float p0 = ref MemoryMarshal.GetReference(hPrevious);
        ref float r0 = ref MemoryMarshal.GetReference(record);
        int j = 0;
        for (; j + 8 <= u; j += 8)
        {
            GruBlock(
                Vector256.LoadUnsafe(ref x0, (nuint)j), Vector256.LoadUnsafe(ref x0, (nuint)(u + j)), Vector256.LoadUnsafe(ref x0, (nuint)(2 * u + j)),
                Vector256.LoadUnsafe(ref h0, (nuint)j), Vector256.LoadUnsafe(ref h0, (nuint)(u + j)), Vector256.LoadUnsafe(ref h0, (nuint)(2 * u + j)),
                Vector256.LoadUnsafe(ref p0, (nuint)j),
                out var z, out var r, out var candidate, out var term, out var h);
            z.StoreUnsafe(ref r0, (nuint)j);
            r.StoreUnsafe(ref r0, (nuint)(u + j));
            candidate.StoreUnsafe(ref r0, (nuint)(2 * u + j));
            term.StoreUnsafe(ref r0, (nuint)(3 * u + j));
            h.StoreUnsafe(ref r0, (nuint)(4 * u + j));
        }

        if (j < u)
        {
            int n = u - j;
            GruBlock(
                Pad(ref Unsafe.Add(ref x0, j), n), Pad(ref Unsafe.Add(ref x0, u + j), n), Pad(ref Unsafe.Add(ref x0, 2 * u + j), n),
                Pad(ref Unsafe.Add(ref h0, j), n), Pad(ref Unsafe.Add(ref h0, u + j), n), Pad(ref Unsafe.Add(ref h0, 2 * u + j), n),
                Pad(ref Unsafe.Add(ref p0, j), n),
                out var z, out var r, out var candidate, out var term, out var h);
            Unpad(z, ref Unsafe.Add(ref r0, j), n);
            Unpad(r, ref Unsafe.Add(ref r0, u + j), n);
            Unpad(candidate, ref Unsafe.Add(ref r0, 2 * u + j), n);
            Unpad(term, ref Unsafe.Add(ref r0, 3 * u + j), n);
            Unpad(h, ref Unsafe.Add(ref r0, 4 * u + j), n);
        }
    }

    /// <summary>
    /// LSTM: i, f, o = σ(gx + gh), candidate = tanh(gx + gh); c = f ⊙ c₋₁ + i ⊙ candidate; h = o ⊙ tanh(c), into the
    /// record [i, f, candidate, o, c, h].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Lstm(ReadOnlySpan<float> gx, ReadOnlySpan<float> gh, ReadOnlySpan<float> cPrevious, Span<float> record, int u)
    {
        if (gx.Length < 4 * u || gh.Length < 4 * u || cPrevious.Length < u || record.Length < 6 * u)
        {
            ShapeGuard.ThrowLength(nameof(record), 6 * u, record.Length, "an LSTM record");
        }

        ref float x0 = ref MemoryMarshal.GetReference(gx);
        ref float h0 = ref MemoryMarshal.GetReference(gh);
        ref float p0 = ref MemoryMarshal.GetReference(cPrevious);
        ref float r0 = ref MemoryMarshal.GetReference(record);
        int j = 0;
        for (; j + 8 <= u; j += 8)
        {
            LstmBlock(
                Vector256.LoadUnsafe(ref x0, (nuint)j) + Vector256.LoadUnsafe(ref h0, (nuint)j),
                Vector256.LoadUnsafe(ref x0, (nuint)(u + j)) + Vector256.LoadUnsafe(ref h0, (nuint)(u + j)),
                Vector256.LoadUnsafe(ref x0, (nuint)(2 * u + j)) + Vector256.LoadUnsafe(ref h0, (nuint)(2 * u + j)),
                Vector256.LoadUnsafe(ref x0, (nuint)(3 * u + j)) + Vector256.LoadUnsafe(ref h0, (nuint)(3 * u + j)),
                Vector256.LoadUnsafe(ref p0, (nuint)j),
                out var i, out var f, out var candidate, out var o, out var c, out var h);
            i.StoreUnsafe(ref r0, (nuint)j);
            f.StoreUnsafe(ref r0, (nuint)(u + j));
            candidate.StoreUnsafe(ref r0, (nuint)(2 * u + j));
            o.StoreUnsafe(ref r0, (nuint)(3 * u + j));
            c.StoreUnsafe(ref r0, (nuint)(4 * u + j));
            h.StoreUnsafe(ref r0, (nuint)(5 * u + j));
        }

        if (j < u)
        {
            int n = u - j;
            LstmBlock(
                Pad(ref Unsafe.Add(ref x0, j), n) + Pad(ref Unsafe.Add(ref h0, j), n),
                Pad(ref Unsafe.Add(ref x0, u + j), n) + Pad(ref Unsafe.Add(ref h0, u + j), n),
                Pad(ref Unsafe.Add(ref x0, 2 * u + j), n) + Pad(ref Unsafe.Add(ref h0, 2 * u + j), n),
                Pad(ref Unsafe.Add(ref x0, 3 * u + j), n) + Pad(ref Unsafe.Add(ref h0, 3 * u + j), n),
                Pad(ref Unsafe.Add(ref p0, j), n),
                out var i, out var f, out var candidate, out var o, out var c, out var h);
            Unpad(i, ref Unsafe.Add(ref r0, j), n);
            Unpad(f, ref Unsafe.Add(ref r0, u + j), n);
            Unpad(candidate, ref Unsafe.Add(ref r0, 2 * u + j), n);
            Unpad(o, ref Unsafe.Add(ref r0, 3 * u + j), n);
            Unpad(c, ref Unsafe.Add(ref r0, 4 * u + j), n);
            Unpad(h, ref Unsafe.Add(ref r0, 5 * u + j), n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruBlock(
        Vector256<float> xz, Vector256<float> xr, Vector256<float> xh, Vector256<float> hz, Vector256<float> hr, Vector256<float> hh, Vector256<float> previous,
        out Vector256<float> z, out Vector256<float> r, out Vector256<float> candidate, out Vector256<float> term, out Vector256<float> h)
    {
        z = GateFunctions.Sigmoid.Of(xz + hz);
        r = GateFunctions.Sigmoid.Of(xr + hr);
        term = hh;
        candidate = GateFunctions.Tanh.Of((r * hh) + xh);
        h = (z * (previous - candidate)) + candidate;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmBlock(
        Vector256<float> ai, Vector256<float> af, Vector256<float> ac, Vector256<float> ao, Vector256<float> cPrevious,
        out Vector256<float> i, out Vector256<float> f, out Vector256<float> candidate, out Vector256<float> o, out Vector256<float> c, out Vector256<float> h)
    {
        i = GateFunctions.Sigmoid.Of(ai);
        f = GateFunctions.Sigmoid.Of(af);
        candidate = GateFunctions.Tanh.Of(ac);
        o = GateFunctions.Sigmoid.Of(ao);
        c = (f * cPrevious) + (i * candidate);
        h = o * GateFunctions.Tanh.Of(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pad(ref float source, int n)
    {
        Vector256<float> v = default;
        ref float v0 = ref Unsafe.As<Vector256<float>, float>(ref v);
        for (int k = 0; k < n; k++)
        {
            Unsafe.Add(ref v0, k) = Unsafe.Add(ref source, k);
        }

        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpad(Vector256<float> v, ref float target, int n)
    {
        ref float v0 = ref Unsafe.As<Vector256<float>, float>(ref v);
        for (int k = 0; k < n; k++)
        {
            Unsafe.Add(ref target, k) = Unsafe.Add(ref v0, k);
        }
    }
}
