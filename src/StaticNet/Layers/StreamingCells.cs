using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// One streaming time step of a GRU (reset after the product) or an LSTM with Keras's default activations, products and
/// cell in one pass over blocks of units: a block's gate columns of both products are summed in registers, from the
/// biases, and its cell runs on them at once, so nothing goes through memory between the products and the cell, and no
/// bias is copied. Each value is the same chain of fused multiply-adds in the same order (kernel rows first to last) and
/// the same cell operations as <see cref="RecurrentKernels"/> followed by <see cref="FusedCells"/>, so the same bits as
/// <c>Forward</c> over a sequence. At 8 units the separate passes' calls, copies and trips through memory were most of a
/// step.
/// </summary>
internal static class StreamingCells
{
    /// <summary>
    /// Whether <paramref name="g"/>'s step goes this way: a fused cell (<see cref="FusedCells.Apply"/>) whose units fill
    /// whole 256-bit vectors (the kernels' gate columns are read a vector at a time, so a partial one would read the next
    /// gate's columns or past the kernel's end), and kernels that fit the first-level cache or start on a cache line and
    /// are read in 512-bit blocks. A block of units reads a few vectors of every kernel row; where a row's vectors
    /// straddle cache lines, or two 256-bit blocks share one, the blocks on either side of a line both load it, and
    /// kernels streamed from the second-level cache then cost twice the transfers (a GRU of 64 units: 1,840 ns a step
    /// unaligned and 1,834 ns in 256-bit blocks, against 1,150 ns in separate passes, which read each row whole, and 960
    /// ns aligned in 512-bit blocks).
    /// </summary>
    public static bool Apply(in RecurrentGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel) =>
        FusedCells.Apply(g) && g.Units % 8 == 0 &&
        ((kernel.Length + recurrentKernel.Length) * sizeof(float) <= FirstLevelCacheBytes ||
         (Vector512.IsHardwareAccelerated && AlignedFloats.IsAligned(kernel) && AlignedFloats.IsAligned(recurrentKernel)));

    /// <summary>A first-level data cache's size on the processors measured (Zen 4, Sapphire Rapids: 32 KiB and 48 KiB).</summary>
    private const int FirstLevelCacheBytes = 32 * 1024;

    /// <summary>
    /// One step: from <paramref name="x"/> (the step's features) and <paramref name="state"/> (the layer's last record,
    /// zero before the first step) to the new record in <paramref name="state"/> and the new h in <paramref name="h"/>,
    /// which must not overlap the state (the recurrent product reads every unit of h₋₁ from it while the blocks' new h
    /// are written; the state's h is replaced at the end).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, Span<float> state, Span<float> h, in RecurrentGeometry g)
    {
        int u = g.Units;
        if (h.Length < u)
        {
            ShapeGuard.ThrowLength(nameof(h), u, h.Length, "the layer's units");
        }

        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref MemoryMarshal.GetReference(kernel);
        ref float v0 = ref MemoryMarshal.GetReference(recurrentKernel);
        ref float b0 = ref MemoryMarshal.GetReference(bias);
        ref float s0 = ref MemoryMarshal.GetReference(state);
        ref float h0 = ref MemoryMarshal.GetReference(h);
        int features = x.Length;
        if (g.Cell == RecurrentCell.GRU)
        {
            GruBlocks(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u);
        }
        else
        {
            LstmBlocks(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u);
        }

        // Every block's recurrent product has read h₋₁: the new h into the record's last units, a vector at a time
        // (the units are whole 256-bit vectors; a call of the library's copy was 2 % of an LSTM 32's step).
        ref float hState = ref Unsafe.Add(ref s0, g.RecordSize - u);
        for (int k = 0; k < u; k += 8)
        {
            Vector256.LoadUnsafe(ref h0, (nuint)k).StoreUnsafe(ref hState, (nuint)k);
        }
    }

    /// <summary>Every block of a GRU step: pairs of 512-bit blocks, then single ones, then 256-bit ones (a method of its own, within the JIT's inlining budget).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void GruBlocks(ref float x0, int features, ref float w0, ref float v0, ref float b0, ref float s0, ref float h0, int u)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 32 <= u; j += 32)
            {
                Gru<Simd512, Vector512<float>, TwoBlocks>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
            }

            for (; j + 16 <= u; j += 16)
            {
                Gru<Simd512, Vector512<float>, OneBlock>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
            }
        }

        for (; j < u; j += 8)
        {
            Gru<Simd256, Vector256<float>, OneBlock>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
        }
    }

    /// <summary>Every block of an LSTM step: 512-bit blocks, then 256-bit ones (a method of its own, within the JIT's inlining budget).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LstmBlocks(ref float x0, int features, ref float w0, ref float v0, ref float b0, ref float s0, ref float h0, int u)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= u; j += 16)
            {
                Lstm<Simd512, Vector512<float>>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
            }
        }

        for (; j < u; j += 8)
        {
            Lstm<Simd256, Vector256<float>>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
        }
    }

    /// <summary>
    /// Units j to j + lanes (two blocks: j to j + 2·lanes) of a GRU step: z, r, the candidate's input term from the input
    /// bias and the kernel, z, r and the recurrent term from the recurrent bias and the recurrent kernel; then the cell,
    /// into the record [z, r, candidate, recurrent term, h] (h into <paramref name="h0"/>, the record's h still being h₋₁).
    /// Two blocks share each row's broadcasts and read a whole cache line of each gate's row where a block is half one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gru<TLanes, TVector, TBlocks>(ref float x0, int features, ref float w0, ref float v0, ref float b0, ref float s0, ref float h0, int u, int j)
        where TLanes : struct, IGateLanes<TVector>
        where TVector : struct
        where TBlocks : struct, IBlocks
    {
        int width = 3 * u, l = TLanes.Lanes;
        ref float previous = ref Unsafe.Add(ref s0, 4 * u);
        ref float b = ref Unsafe.Add(ref b0, j);
        TVector xz = TLanes.LoadUnsafe(ref b, 0), xr = TLanes.LoadUnsafe(ref b, (nuint)u), xh = TLanes.LoadUnsafe(ref b, (nuint)(2 * u));
        TVector hz = TLanes.LoadUnsafe(ref b, (nuint)width), hr = TLanes.LoadUnsafe(ref b, (nuint)(width + u)), hh = TLanes.LoadUnsafe(ref b, (nuint)(width + 2 * u));
        TVector xz2 = default, xr2 = default, xh2 = default, hz2 = default, hr2 = default, hh2 = default;
        if (TBlocks.Two)
        {
            xz2 = TLanes.LoadUnsafe(ref b, (nuint)l);
            xr2 = TLanes.LoadUnsafe(ref b, (nuint)(u + l));
            xh2 = TLanes.LoadUnsafe(ref b, (nuint)(2 * u + l));
            hz2 = TLanes.LoadUnsafe(ref b, (nuint)(width + l));
            hr2 = TLanes.LoadUnsafe(ref b, (nuint)(width + u + l));
            hh2 = TLanes.LoadUnsafe(ref b, (nuint)(width + 2 * u + l));
        }

        int both = Math.Min(features, u), k = 0;
        for (; k < both; k++)
        {
            TVector a = TLanes.Create(Unsafe.Add(ref x0, k)), e = TLanes.Create(Unsafe.Add(ref previous, k));
            ref float w = ref Unsafe.Add(ref w0, k * width + j);
            ref float v = ref Unsafe.Add(ref v0, k * width + j);
            xz = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, 0), xz);
            hz = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, 0), hz);
            xr = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)u), xr);
            hr = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)u), hr);
            xh = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(2 * u)), xh);
            hh = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(2 * u)), hh);
            if (TBlocks.Two)
            {
                xz2 = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)l), xz2);
                hz2 = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)l), hz2);
                xr2 = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(u + l)), xr2);
                hr2 = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(u + l)), hr2);
                xh2 = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(2 * u + l)), xh2);
                hh2 = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(2 * u + l)), hh2);
            }
        }

        for (int kx = k; kx < features; kx++)
        {
            TVector a = TLanes.Create(Unsafe.Add(ref x0, kx));
            ref float w = ref Unsafe.Add(ref w0, kx * width + j);
            xz = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, 0), xz);
            xr = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)u), xr);
            xh = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(2 * u)), xh);
            if (TBlocks.Two)
            {
                xz2 = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)l), xz2);
                xr2 = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(u + l)), xr2);
                xh2 = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(2 * u + l)), xh2);
            }
        }

        for (int kh = k; kh < u; kh++)
        {
            TVector e = TLanes.Create(Unsafe.Add(ref previous, kh));
            ref float v = ref Unsafe.Add(ref v0, kh * width + j);
            hz = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, 0), hz);
            hr = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)u), hr);
            hh = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(2 * u)), hh);
            if (TBlocks.Two)
            {
                hz2 = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)l), hz2);
                hr2 = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(u + l)), hr2);
                hh2 = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(2 * u + l)), hh2);
            }
        }

        GruCell<TLanes, TVector>(xz, xr, xh, hz, hr, hh, ref previous, ref s0, ref h0, u, j);
        if (TBlocks.Two)
        {
            GruCell<TLanes, TVector>(xz2, xr2, xh2, hz2, hr2, hh2, ref previous, ref s0, ref h0, u, j + l);
        }
    }

    /// <summary>A GRU block's cell from its gate sums: FusedCells.Gru's operations, in its order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruCell<TLanes, TVector>(TVector xz, TVector xr, TVector xh, TVector hz, TVector hr, TVector hh, ref float previous, ref float s0, ref float h0, int u, int j)
        where TLanes : struct, IGateLanes<TVector>
        where TVector : struct
    {
        TVector z = TLanes.Sigmoid(TLanes.Add(xz, hz));
        TVector r = TLanes.Sigmoid(TLanes.Add(xr, hr));
        TVector candidate = TLanes.Tanh(TLanes.Add(TLanes.Multiply(r, hh), xh));
        TVector hNew = TLanes.Add(TLanes.Multiply(z, TLanes.Subtract(TLanes.LoadUnsafe(ref previous, (nuint)j), candidate)), candidate);
        TLanes.StoreUnsafe(z, ref s0, (nuint)j);
        TLanes.StoreUnsafe(r, ref s0, (nuint)(u + j));
        TLanes.StoreUnsafe(candidate, ref s0, (nuint)(2 * u + j));
        TLanes.StoreUnsafe(hh, ref s0, (nuint)(3 * u + j));
        TLanes.StoreUnsafe(hNew, ref h0, (nuint)j);
    }

    /// <summary>
    /// Units j to j + lanes of an LSTM step: the four gates' input products from the bias, their recurrent products from
    /// zero (as the separate passes sum them), then the cell, into the record [i, f, candidate, o, c, h] (h into
    /// <paramref name="h0"/>; c₋₁ is read before the block's c replaces it). One block a pass: two (16 sums beside two
    /// cells' constants) spilled and ran 40–60 % slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lstm<TLanes, TVector>(ref float x0, int features, ref float w0, ref float v0, ref float b0, ref float s0, ref float h0, int u, int j)
        where TLanes : struct, IGateLanes<TVector>
        where TVector : struct
    {
        int width = 4 * u;
        ref float previous = ref Unsafe.Add(ref s0, 5 * u);
        ref float b = ref Unsafe.Add(ref b0, j);
        TVector xi = TLanes.LoadUnsafe(ref b, 0), xf = TLanes.LoadUnsafe(ref b, (nuint)u), xc = TLanes.LoadUnsafe(ref b, (nuint)(2 * u)), xo = TLanes.LoadUnsafe(ref b, (nuint)(3 * u));
        TVector hi = default, hf = default, hc = default, ho = default;
        int both = Math.Min(features, u), k = 0;
        for (; k < both; k++)
        {
            TVector a = TLanes.Create(Unsafe.Add(ref x0, k)), e = TLanes.Create(Unsafe.Add(ref previous, k));
            ref float w = ref Unsafe.Add(ref w0, k * width + j);
            ref float v = ref Unsafe.Add(ref v0, k * width + j);
            xi = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, 0), xi);
            hi = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, 0), hi);
            xf = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)u), xf);
            hf = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)u), hf);
            xc = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(2 * u)), xc);
            hc = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(2 * u)), hc);
            xo = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(3 * u)), xo);
            ho = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(3 * u)), ho);
        }

        for (int kx = k; kx < features; kx++)
        {
            TVector a = TLanes.Create(Unsafe.Add(ref x0, kx));
            ref float w = ref Unsafe.Add(ref w0, kx * width + j);
            xi = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, 0), xi);
            xf = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)u), xf);
            xc = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(2 * u)), xc);
            xo = TLanes.MultiplyAdd(a, TLanes.LoadUnsafe(ref w, (nuint)(3 * u)), xo);
        }

        for (int kh = k; kh < u; kh++)
        {
            TVector e = TLanes.Create(Unsafe.Add(ref previous, kh));
            ref float v = ref Unsafe.Add(ref v0, kh * width + j);
            hi = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, 0), hi);
            hf = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)u), hf);
            hc = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(2 * u)), hc);
            ho = TLanes.MultiplyAdd(e, TLanes.LoadUnsafe(ref v, (nuint)(3 * u)), ho);
        }

        LstmCell<TLanes, TVector>(xi, xf, xc, xo, hi, hf, hc, ho, ref s0, ref h0, u, j);
    }

    /// <summary>An LSTM block's cell from its gate sums: FusedCells.Lstm's operations, in its order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmCell<TLanes, TVector>(TVector xi, TVector xf, TVector xc, TVector xo, TVector hi, TVector hf, TVector hc, TVector ho, ref float s0, ref float h0, int u, int j)
        where TLanes : struct, IGateLanes<TVector>
        where TVector : struct
    {
        TVector i = TLanes.Sigmoid(TLanes.Add(xi, hi));
        TVector f = TLanes.Sigmoid(TLanes.Add(xf, hf));
        TVector candidate = TLanes.Tanh(TLanes.Add(xc, hc));
        TVector o = TLanes.Sigmoid(TLanes.Add(xo, ho));
        TVector c = TLanes.Add(TLanes.Multiply(f, TLanes.LoadUnsafe(ref s0, (nuint)(4 * u + j))), TLanes.Multiply(i, candidate));
        TLanes.StoreUnsafe(i, ref s0, (nuint)j);
        TLanes.StoreUnsafe(f, ref s0, (nuint)(u + j));
        TLanes.StoreUnsafe(candidate, ref s0, (nuint)(2 * u + j));
        TLanes.StoreUnsafe(o, ref s0, (nuint)(3 * u + j));
        TLanes.StoreUnsafe(c, ref s0, (nuint)(4 * u + j));
        TLanes.StoreUnsafe(TLanes.Multiply(o, TLanes.Tanh(c)), ref h0, (nuint)j);
    }

    /// <summary>One block of units a pass, or two (a GRU's).</summary>
    private interface IBlocks
    {
        static abstract bool Two { get; }
    }

    private readonly struct OneBlock : IBlocks
    {
        public static bool Two => false;
    }

    private readonly struct TwoBlocks : IBlocks
    {
        public static bool Two => true;
    }
}
