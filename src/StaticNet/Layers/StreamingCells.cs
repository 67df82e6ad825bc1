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
    /// gate's columns or past the kernel's end), and kernels that start on a cache line or fit the first-level cache. A
    /// block of units reads a few vectors of every kernel row; where a row's vectors straddle cache lines, the blocks on
    /// either side of a line both load it, and kernels streamed from the second-level cache then cost twice the
    /// transfers (a GRU of 64 units: 1,840 ns a step against 1,150 ns in separate passes, which read each row whole;
    /// 960 ns aligned).
    /// </summary>
    public static bool Apply(in RecurrentGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel) =>
        FusedCells.Apply(g) && g.Units % 8 == 0 &&
        ((kernel.Length + recurrentKernel.Length) * sizeof(float) <= FirstLevelCacheBytes || (AlignedFloats.IsAligned(kernel) && AlignedFloats.IsAligned(recurrentKernel)));

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
        bool gru = g.Cell == RecurrentCell.GRU;
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= u; j += 16)
            {
                if (gru)
                {
                    Gru<Lanes512, Vector512<float>>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
                }
                else
                {
                    Lstm<Lanes512, Vector512<float>>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
                }
            }
        }

        for (; j < u; j += 8)
        {
            if (gru)
            {
                Gru<Lanes256, Vector256<float>>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
            }
            else
            {
                Lstm<Lanes256, Vector256<float>>(ref x0, features, ref w0, ref v0, ref b0, ref s0, ref h0, u, j);
            }
        }

        // Every block's recurrent product has read h₋₁: the new h into the record's last units.
        h.Slice(0, u).CopyTo(state.Slice(g.RecordSize - u, u));
    }

    /// <summary>
    /// Units j to j + lanes of a GRU step: z, r, the candidate's input term from the input bias and the kernel, z, r and
    /// the recurrent term from the recurrent bias and the recurrent kernel; then the cell, into the record [z, r,
    /// candidate, recurrent term, h] (h into <paramref name="h0"/>, the record's h still being h₋₁).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gru<TLanes, TVector>(ref float x0, int features, ref float w0, ref float v0, ref float b0, ref float s0, ref float h0, int u, int j)
        where TLanes : struct, ICellLanes<TVector>
        where TVector : struct
    {
        int width = 3 * u;
        ref float previous = ref Unsafe.Add(ref s0, 4 * u);
        TVector xz = TLanes.Load(ref b0, j), xr = TLanes.Load(ref b0, u + j), xh = TLanes.Load(ref b0, 2 * u + j);
        TVector hz = TLanes.Load(ref b0, width + j), hr = TLanes.Load(ref b0, width + u + j), hh = TLanes.Load(ref b0, width + 2 * u + j);
        int both = Math.Min(features, u), k = 0;
        for (; k < both; k++)
        {
            TVector a = TLanes.Broadcast(Unsafe.Add(ref x0, k)), e = TLanes.Broadcast(Unsafe.Add(ref previous, k));
            ref float w = ref Unsafe.Add(ref w0, k * width + j);
            ref float v = ref Unsafe.Add(ref v0, k * width + j);
            xz = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 0), xz);
            hz = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 0), hz);
            xr = TLanes.MultiplyAdd(a, TLanes.Load(ref w, u), xr);
            hr = TLanes.MultiplyAdd(e, TLanes.Load(ref v, u), hr);
            xh = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 2 * u), xh);
            hh = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 2 * u), hh);
        }

        for (int kx = k; kx < features; kx++)
        {
            TVector a = TLanes.Broadcast(Unsafe.Add(ref x0, kx));
            ref float w = ref Unsafe.Add(ref w0, kx * width + j);
            xz = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 0), xz);
            xr = TLanes.MultiplyAdd(a, TLanes.Load(ref w, u), xr);
            xh = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 2 * u), xh);
        }

        for (int kh = k; kh < u; kh++)
        {
            TVector e = TLanes.Broadcast(Unsafe.Add(ref previous, kh));
            ref float v = ref Unsafe.Add(ref v0, kh * width + j);
            hz = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 0), hz);
            hr = TLanes.MultiplyAdd(e, TLanes.Load(ref v, u), hr);
            hh = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 2 * u), hh);
        }

        // FusedCells.Gru's operations, in its order.
        TVector z = TLanes.Sigmoid(TLanes.Add(xz, hz));
        TVector r = TLanes.Sigmoid(TLanes.Add(xr, hr));
        TVector candidate = TLanes.Tanh(TLanes.Add(TLanes.Multiply(r, hh), xh));
        TVector hNew = TLanes.Add(TLanes.Multiply(z, TLanes.Subtract(TLanes.Load(ref previous, j), candidate)), candidate);
        TLanes.Store(z, ref s0, j);
        TLanes.Store(r, ref s0, u + j);
        TLanes.Store(candidate, ref s0, 2 * u + j);
        TLanes.Store(hh, ref s0, 3 * u + j);
        TLanes.Store(hNew, ref h0, j);
    }

    /// <summary>
    /// Units j to j + lanes of an LSTM step: the four gates' input products from the bias, their recurrent products
    /// from zero (as the separate passes sum them), then the cell, into the record [i, f, candidate, o, c, h] (h into
    /// <paramref name="h0"/>; c₋₁ is read before the block's c replaces it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lstm<TLanes, TVector>(ref float x0, int features, ref float w0, ref float v0, ref float b0, ref float s0, ref float h0, int u, int j)
        where TLanes : struct, ICellLanes<TVector>
        where TVector : struct
    {
        int width = 4 * u;
        ref float previous = ref Unsafe.Add(ref s0, 5 * u);
        TVector xi = TLanes.Load(ref b0, j), xf = TLanes.Load(ref b0, u + j), xc = TLanes.Load(ref b0, 2 * u + j), xo = TLanes.Load(ref b0, 3 * u + j);
        TVector hi = default, hf = default, hc = default, ho = default;
        int both = Math.Min(features, u), k = 0;
        for (; k < both; k++)
        {
            TVector a = TLanes.Broadcast(Unsafe.Add(ref x0, k)), e = TLanes.Broadcast(Unsafe.Add(ref previous, k));
            ref float w = ref Unsafe.Add(ref w0, k * width + j);
            ref float v = ref Unsafe.Add(ref v0, k * width + j);
            xi = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 0), xi);
            hi = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 0), hi);
            xf = TLanes.MultiplyAdd(a, TLanes.Load(ref w, u), xf);
            hf = TLanes.MultiplyAdd(e, TLanes.Load(ref v, u), hf);
            xc = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 2 * u), xc);
            hc = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 2 * u), hc);
            xo = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 3 * u), xo);
            ho = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 3 * u), ho);
        }

        for (int kx = k; kx < features; kx++)
        {
            TVector a = TLanes.Broadcast(Unsafe.Add(ref x0, kx));
            ref float w = ref Unsafe.Add(ref w0, kx * width + j);
            xi = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 0), xi);
            xf = TLanes.MultiplyAdd(a, TLanes.Load(ref w, u), xf);
            xc = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 2 * u), xc);
            xo = TLanes.MultiplyAdd(a, TLanes.Load(ref w, 3 * u), xo);
        }

        for (int kh = k; kh < u; kh++)
        {
            TVector e = TLanes.Broadcast(Unsafe.Add(ref previous, kh));
            ref float v = ref Unsafe.Add(ref v0, kh * width + j);
            hi = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 0), hi);
            hf = TLanes.MultiplyAdd(e, TLanes.Load(ref v, u), hf);
            hc = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 2 * u), hc);
            ho = TLanes.MultiplyAdd(e, TLanes.Load(ref v, 3 * u), ho);
        }

        // FusedCells.Lstm's operations, in its order.
        TVector i = TLanes.Sigmoid(TLanes.Add(xi, hi));
        TVector f = TLanes.Sigmoid(TLanes.Add(xf, hf));
        TVector candidate = TLanes.Tanh(TLanes.Add(xc, hc));
        TVector o = TLanes.Sigmoid(TLanes.Add(xo, ho));
        TVector c = TLanes.Add(TLanes.Multiply(f, TLanes.Load(ref s0, 4 * u + j)), TLanes.Multiply(i, candidate));
        TLanes.Store(i, ref s0, j);
        TLanes.Store(f, ref s0, u + j);
        TLanes.Store(candidate, ref s0, 2 * u + j);
        TLanes.Store(o, ref s0, 3 * u + j);
        TLanes.Store(c, ref s0, 4 * u + j);
        TLanes.Store(TLanes.Multiply(o, TLanes.Tanh(c)), ref h0, j);
    }

    /// <summary>What a cell block needs of a vector width: the products' operations and the gate functions.</summary>
    private interface ICellLanes<TVector>
        where TVector : struct
    {
        static abstract TVector Load(ref float source, int at);

        static abstract void Store(TVector value, ref float target, int at);

        static abstract TVector Broadcast(float value);

        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

        static abstract TVector Add(TVector a, TVector b);

        static abstract TVector Subtract(TVector a, TVector b);

        static abstract TVector Multiply(TVector a, TVector b);

        static abstract TVector Sigmoid(TVector x);

        static abstract TVector Tanh(TVector x);
    }

    private readonly struct Lanes512 : ICellLanes<Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ref float source, int at) => Vector512.LoadUnsafe(ref source, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<float> value, ref float target, int at) => value.StoreUnsafe(ref target, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Sigmoid(Vector512<float> x) => GateFunctions.Sigmoid.Of(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Tanh(Vector512<float> x) => GateFunctions.Tanh.Of(x);
    }

    private readonly struct Lanes256 : ICellLanes<Vector256<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(ref float source, int at) => Vector256.LoadUnsafe(ref source, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<float> value, ref float target, int at) => value.StoreUnsafe(ref target, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Sigmoid(Vector256<float> x) => GateFunctions.Sigmoid.Of(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Tanh(Vector256<float> x) => GateFunctions.Tanh.Of(x);
    }
}
