using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// The GRU (reset after the product) and LSTM cells with Keras's default activations (sigmoid gates, tanh) in one pass
/// over the units, sixteen or eight at a time in registers, after the step's products: the same operations, in the same order, as
/// the cells written over whole spans (<c>RecurrentReference</c>), so the same bits, without a call and a trip through
/// memory per operation (at 8 units the calls were most of a step). The units past the last full eight go through the
/// same vector code in padded vectors.
/// </summary>
internal static class FusedCells
{
    /// <summary>Whether a layer's cell is one of these: a GRU with its reset after the product or an LSTM, Keras's default activations, vectors with fused multiply-add.</summary>
    public static bool Apply(in RecurrentGeometry g) =>
        GateFunctions.IsAccelerated && g.Activation == Activation.Tanh && g.RecurrentActivation == Activation.Sigmoid &&
        ((g.Cell == RecurrentCell.GRU && g.ResetAfter) || g.Cell == RecurrentCell.LSTM);

    /// <summary>
    /// The cell <see cref="Apply"/> accepted, into <paramref name="record"/>: <paramref name="carried"/> is the state the
    /// cell carries from the step before, a GRU's h₋₁ or an LSTM's c₋₁.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> gx, ReadOnlySpan<float> gh, ReadOnlySpan<float> carried, Span<float> record, in RecurrentGeometry g)
    {
        if (g.Cell == RecurrentCell.GRU)
        {
            Gru(gx, gh, carried, record, g.Units);
        }
        else
        {
            Lstm(gx, gh, carried, record, g.Units);
        }
    }

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
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= u; j += 16)
            {
                Vector512<float> z = GateFunctions.Sigmoid.Of(Vector512.LoadUnsafe(ref x0, (nuint)j) + Vector512.LoadUnsafe(ref h0, (nuint)j));
                Vector512<float> r = GateFunctions.Sigmoid.Of(Vector512.LoadUnsafe(ref x0, (nuint)(u + j)) + Vector512.LoadUnsafe(ref h0, (nuint)(u + j)));
                Vector512<float> term = Vector512.LoadUnsafe(ref h0, (nuint)(2 * u + j));
                Vector512<float> candidate = GateFunctions.Tanh.Of((r * term) + Vector512.LoadUnsafe(ref x0, (nuint)(2 * u + j)));
                Vector512<float> h = (z * (Vector512.LoadUnsafe(ref p0, (nuint)j) - candidate)) + candidate;
                z.StoreUnsafe(ref r0, (nuint)j);
                r.StoreUnsafe(ref r0, (nuint)(u + j));
                candidate.StoreUnsafe(ref r0, (nuint)(2 * u + j));
                term.StoreUnsafe(ref r0, (nuint)(3 * u + j));
                h.StoreUnsafe(ref r0, (nuint)(4 * u + j));
            }
        }

        for (; j < u; j += 8)
        {
            int n = Math.Min(8, u - j); // the last block padded
            GruBlock(
                Load(ref x0, j, n), Load(ref x0, u + j, n), Load(ref x0, 2 * u + j, n), Load(ref h0, j, n), Load(ref h0, u + j, n), Load(ref h0, 2 * u + j, n), Load(ref p0, j, n),
                out var z, out var r, out var candidate, out var term, out var h);
            Store(z, ref r0, j, n);
            Store(r, ref r0, u + j, n);
            Store(candidate, ref r0, 2 * u + j, n);
            Store(term, ref r0, 3 * u + j, n);
            Store(h, ref r0, 4 * u + j, n);
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
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= u; j += 16)
            {
                Vector512<float> i = GateFunctions.Sigmoid.Of(Vector512.LoadUnsafe(ref x0, (nuint)j) + Vector512.LoadUnsafe(ref h0, (nuint)j));
                Vector512<float> f = GateFunctions.Sigmoid.Of(Vector512.LoadUnsafe(ref x0, (nuint)(u + j)) + Vector512.LoadUnsafe(ref h0, (nuint)(u + j)));
                Vector512<float> candidate = GateFunctions.Tanh.Of(Vector512.LoadUnsafe(ref x0, (nuint)(2 * u + j)) + Vector512.LoadUnsafe(ref h0, (nuint)(2 * u + j)));
                Vector512<float> o = GateFunctions.Sigmoid.Of(Vector512.LoadUnsafe(ref x0, (nuint)(3 * u + j)) + Vector512.LoadUnsafe(ref h0, (nuint)(3 * u + j)));
                Vector512<float> c = (f * Vector512.LoadUnsafe(ref p0, (nuint)j)) + (i * candidate);
                i.StoreUnsafe(ref r0, (nuint)j);
                f.StoreUnsafe(ref r0, (nuint)(u + j));
                candidate.StoreUnsafe(ref r0, (nuint)(2 * u + j));
                o.StoreUnsafe(ref r0, (nuint)(3 * u + j));
                c.StoreUnsafe(ref r0, (nuint)(4 * u + j));
                (o * GateFunctions.Tanh.Of(c)).StoreUnsafe(ref r0, (nuint)(5 * u + j));
            }
        }

        for (; j < u; j += 8)
        {
            int n = Math.Min(8, u - j); // the last block padded
            LstmBlock(
                Load(ref x0, j, n) + Load(ref h0, j, n), Load(ref x0, u + j, n) + Load(ref h0, u + j, n),
                Load(ref x0, 2 * u + j, n) + Load(ref h0, 2 * u + j, n), Load(ref x0, 3 * u + j, n) + Load(ref h0, 3 * u + j, n), Load(ref p0, j, n),
                out var i, out var f, out var candidate, out var o, out var c, out var h);
            Store(i, ref r0, j, n);
            Store(f, ref r0, u + j, n);
            Store(candidate, ref r0, 2 * u + j, n);
            Store(o, ref r0, 3 * u + j, n);
            Store(c, ref r0, 4 * u + j, n);
            Store(h, ref r0, 5 * u + j, n);
        }
    }

    /// <summary>
    /// The GRU's backward pass through one step, from dL/dh: dInput = [dz, dr, dCandidate] (through σ′ and tanh′, from the
    /// record's outputs), dRecurrent the same with the candidate's columns ⊙ r, and dPrevious = dh ⊙ z (dL/dh₋₁'s direct
    /// term). The span version's operations, in its order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GruBackward(ReadOnlySpan<float> record, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> dh, Span<float> dInput, Span<float> dRecurrent, Span<float> dPrevious, int u)
    {
        if (record.Length < 5 * u || hPrevious.Length < u || dh.Length < u || dInput.Length < 3 * u || dRecurrent.Length < 3 * u || dPrevious.Length < u)
        {
            ShapeGuard.ThrowLength(nameof(dInput), 3 * u, dInput.Length, "a GRU step's gradients");
        }

        ref float r0 = ref MemoryMarshal.GetReference(record);
        ref float p0 = ref MemoryMarshal.GetReference(hPrevious);
        ref float d0 = ref MemoryMarshal.GetReference(dh);
        ref float i0 = ref MemoryMarshal.GetReference(dInput);
        ref float q0 = ref MemoryMarshal.GetReference(dRecurrent);
        ref float o0 = ref MemoryMarshal.GetReference(dPrevious);
        for (int j = 0; j < u; j += 8)
        {
            int n = Math.Min(8, u - j);
            Vector256<float> z = Load(ref r0, j, n), r = Load(ref r0, u + j, n), candidate = Load(ref r0, 2 * u + j, n), term = Load(ref r0, 3 * u + j, n);
            Vector256<float> d = Load(ref d0, j, n), previous = Load(ref p0, j, n), one = Vector256<float>.One;
            Vector256<float> dz = (previous - candidate) * d;
            Vector256<float> dCandidate = (one - z) * d;
            Store(d * z, ref o0, j, n);
            dz *= z * (one - z);
            dCandidate *= one - (candidate * candidate);
            Vector256<float> dr = dCandidate * term;
            dr *= r * (one - r);
            Store(dz, ref i0, j, n);
            Store(dr, ref i0, u + j, n);
            Store(dCandidate, ref i0, 2 * u + j, n);
            Store(dz, ref q0, j, n);
            Store(dr, ref q0, u + j, n);
            Store(dCandidate * r, ref q0, 2 * u + j, n);
        }
    }

    /// <summary>
    /// The LSTM's backward pass through one step, from dL/dh and the dL/dc carried from the step after (updated in place
    /// to the one carried to the step before): dInput = dRecurrent = [di, df, dCandidate, do] through σ′ and tanh′.
    /// The span version's operations, in its order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LstmBackward(ReadOnlySpan<float> record, ReadOnlySpan<float> cPrevious, ReadOnlySpan<float> dh, Span<float> dc, Span<float> dInput, Span<float> dRecurrent, int u)
    {
        if (record.Length < 6 * u || cPrevious.Length < u || dh.Length < u || dc.Length < u || dInput.Length < 4 * u || dRecurrent.Length < 4 * u)
        {
            ShapeGuard.ThrowLength(nameof(dInput), 4 * u, dInput.Length, "an LSTM step's gradients");
        }

        ref float r0 = ref MemoryMarshal.GetReference(record);
        ref float p0 = ref MemoryMarshal.GetReference(cPrevious);
        ref float d0 = ref MemoryMarshal.GetReference(dh);
        ref float c0 = ref MemoryMarshal.GetReference(dc);
        ref float i0 = ref MemoryMarshal.GetReference(dInput);
        ref float q0 = ref MemoryMarshal.GetReference(dRecurrent);
        for (int j = 0; j < u; j += 8)
        {
            int n = Math.Min(8, u - j);
            Vector256<float> i = Load(ref r0, j, n), f = Load(ref r0, u + j, n), candidate = Load(ref r0, 2 * u + j, n), o = Load(ref r0, 3 * u + j, n), c = Load(ref r0, 4 * u + j, n);
            Vector256<float> d = Load(ref d0, j, n), carried = Load(ref c0, j, n), previous = Load(ref p0, j, n), one = Vector256<float>.One;
            Vector256<float> a = GateFunctions.Tanh.Of(c);
            Vector256<float> dO = d * a;
            Vector256<float> t = d * o;
            t *= one - (a * a);
            carried += t;
            Vector256<float> di = carried * candidate, df = carried * previous, dCandidate = carried * i;
            carried *= f;
            di *= i * (one - i);
            df *= f * (one - f);
            dCandidate *= one - (candidate * candidate);
            dO *= o * (one - o);
            Store(carried, ref c0, j, n);
            Store(di, ref i0, j, n);
            Store(df, ref i0, u + j, n);
            Store(dCandidate, ref i0, 2 * u + j, n);
            Store(dO, ref i0, 3 * u + j, n);
            Store(di, ref q0, j, n);
            Store(df, ref q0, u + j, n);
            Store(dCandidate, ref q0, 2 * u + j, n);
            Store(dO, ref q0, 3 * u + j, n);
        }
    }

    /// <summary>Eight values from <paramref name="at"/>, or the <paramref name="n"/> left, padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float source, int at, int n) =>
        n == 8 ? Vector256.LoadUnsafe(ref source, (nuint)at) : Pad(ref Unsafe.Add(ref source, at), n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> v, ref float target, int at, int n)
    {
        if (n == 8)
        {
            v.StoreUnsafe(ref target, (nuint)at);
        }
        else
        {
            Unpad(v, ref Unsafe.Add(ref target, at), n);
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
