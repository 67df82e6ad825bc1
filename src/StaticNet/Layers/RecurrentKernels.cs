using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static StaticNet.Generated.Constant;

namespace StaticNet.Generated;

/// <summary>
/// The recurrent layers' products: rows of a left matrix times a matrix whose rows are the gates' columns (Keras's
/// kernel layout), added to rows of an output. Written a kernel row at a time, each row a call that loads and stores the
/// whole output, a GRU of 64 units took 4.7 µs a step here. Here the output is held in registers while the kernel's rows
/// stream past, in tiles of several output rows (samples) by several vectors of columns, so a kernel row loaded once
/// serves every sample of the tile: one sequence uses blocks of up to twelve vectors of columns, a batch tiles of four
/// samples by two vectors (eight or more independent chains of fused multiply-adds either way, enough to hide their latency).
/// <para>
/// Every output value is the same chain whatever its tile: y, then + a[k]·m[k, j] fused, k in order. So the bits do not
/// depend on the batch, on a sample's place in it, or on the vector width: a sequence fed a step at a time, alone or
/// in a batch, gives the same numbers.
/// </para>
/// </summary>
internal static class RecurrentKernels
{
    /// <summary>Whether the tiled code runs: 256-bit vectors with fused multiply-add (else a vectorised row at a time).</summary>
    private static bool Tiled => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>y[j] += Σₖ v[k] · m[k·stride + j] for j in [0, y.Length): one output row.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> v, ReadOnlySpan<float> m, int stride, Span<float> y) =>
        MultiplyAddRows(v, v.Length, 1, v.Length, m, stride, y, y.Length, y.Length);

    /// <summary>
    /// Y[s, j] += Σₖ A[s, k] · M[k, j] for s &lt; <paramref name="count"/>, k &lt; <paramref name="depth"/>,
    /// j &lt; <paramref name="columns"/>: A's rows <paramref name="aStride"/> apart, M's <paramref name="mStride"/>, Y's
    /// <paramref name="yStride"/> (each row's values contiguous).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAddRows(
        ReadOnlySpan<float> a, int aStride, int count, int depth, ReadOnlySpan<float> m, int mStride, Span<float> y, int yStride, int columns)
    {
        if (count == 0 || columns == 0 || depth == 0)
        {
            return;
        }

        Require(a.Length, count, aStride, depth, nameof(a));
        Require(m.Length, depth, mStride, columns, nameof(m));
        Require(y.Length, count, yStride, columns, nameof(y));
        if (!Tiled)
        {
            for (int s = 0; s < count; s++)
            {
                Span<float> row = y.Slice(s * yStride, columns);
                for (int k = 0; k < depth; k++)
                {
                    TensorPrimitives.MultiplyAdd(m.Slice(k * mStride, columns), a[s * aStride + k], row, row);
                }
            }

            return;
        }

        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        int j = 0;
        if (count == 1)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                // Twelve vectors where 192 to 255 columns are left (a GRU of 64 units has 192): one pass over the kernel's
                // rows, which a large layer streams from the second-level cache, measured 10 % faster than 8 + 2 × 2 vectors.
                // 256 columns (an LSTM of 64 units) measured no faster as 12 + 2 × 2 than as 8 + 8.
                if (columns - j is >= 192 and < 256)
                {
                    Row<Simd512, Vector512<float>, Twelve>(ref a0, ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, j), depth);
                    j += 192;
                }

                for (; j + 128 <= columns; j += 128)
                {
                    Row<Simd512, Vector512<float>, Eight>(ref a0, ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, j), depth);
                }
            }

            for (; j + 32 <= columns; j += 32)
            {
                Row<Simd256, Vector256<float>, Four>(ref a0, ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, j), depth);
            }
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 32 <= columns; j += 32)
            {
                int s = 0;
                for (; s + 4 <= count; s += 4)
                {
                    Tile4x2<Simd512, Vector512<float>>(ref Unsafe.Add(ref a0, s * aStride), aStride, ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, s * yStride + j), yStride, depth);
                }

                for (; s < count; s++)
                {
                    Row<Simd256, Vector256<float>, Four>(ref Unsafe.Add(ref a0, s * aStride), ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, s * yStride + j), depth);
                }
            }
        }
        else
        {
            for (; j + 16 <= columns; j += 16)
            {
                int s = 0;
                for (; s + 4 <= count; s += 4)
                {
                    Tile4x2<Simd256, Vector256<float>>(ref Unsafe.Add(ref a0, s * aStride), aStride, ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, s * yStride + j), yStride, depth);
                }

                for (; s < count; s++)
                {
                    Row<Simd256, Vector256<float>, Two>(ref Unsafe.Add(ref a0, s * aStride), ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, s * yStride + j), depth);
                }
            }
        }

        for (; j + 8 <= columns; j += 8)
        {
            for (int s = 0; s < count; s++)
            {
                Row<Simd256, Vector256<float>, One>(ref Unsafe.Add(ref a0, s * aStride), ref Unsafe.Add(ref m0, j), mStride, ref Unsafe.Add(ref y0, s * yStride + j), depth);
            }
        }

        for (; j < columns; j++)
        {
            for (int s = 0; s < count; s++)
            {
                ref float target = ref Unsafe.Add(ref y0, s * yStride + j);
                target = Chain(ref Unsafe.Add(ref a0, s * aStride), ref Unsafe.Add(ref m0, j), mStride, depth, target);
            }
        }
    }

    /// <summary>
    /// One sequence's two products of a step in one pass: gx[j] += Σₖ x[k] · w[k·stride + j] and gh[j] += Σₖ h[k] · u[k·stride + j]
    /// for j &lt; <paramref name="columns"/>. A step of one sequence has few columns (24 for a GRU of 8 units): a product
    /// alone gives too few independent chains of fused multiply-adds to hide their latency, so the two run in the same
    /// loop, a block of columns at a time, each value the same chain in the same order as <see cref="MultiplyAddRows"/>
    /// (the same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAddPair(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> gx, ReadOnlySpan<float> h, ReadOnlySpan<float> u, Span<float> gh, int columns, int stride)
    {
        if (!Tiled)
        {
            MultiplyAddRows(x, x.Length, 1, x.Length, w, stride, gx, columns, columns);
            MultiplyAddRows(h, h.Length, 1, h.Length, u, stride, gh, columns, columns);
            return;
        }

        int dx = x.Length, dh = h.Length;
        if (columns == 0)
        {
            return;
        }

        Require(w.Length, dx, stride, columns, nameof(w));
        Require(u.Length, dh, stride, columns, nameof(u));
        Require(gx.Length, 1, columns, columns, nameof(gx));
        Require(gh.Length, 1, columns, columns, nameof(gh));
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref MemoryMarshal.GetReference(w);
        ref float gx0 = ref MemoryMarshal.GetReference(gx);
        ref float h0 = ref MemoryMarshal.GetReference(h);
        ref float u0 = ref MemoryMarshal.GetReference(u);
        ref float gh0 = ref MemoryMarshal.GetReference(gh);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 64 <= columns; j += 64)
            {
                Pair<Simd512, Vector512<float>, Four>(ref x0, dx, ref Unsafe.Add(ref w0, j), ref Unsafe.Add(ref gx0, j), ref h0, dh, ref Unsafe.Add(ref u0, j), ref Unsafe.Add(ref gh0, j), stride);
            }

            for (; j + 32 <= columns; j += 32)
            {
                Pair<Simd512, Vector512<float>, Two>(ref x0, dx, ref Unsafe.Add(ref w0, j), ref Unsafe.Add(ref gx0, j), ref h0, dh, ref Unsafe.Add(ref u0, j), ref Unsafe.Add(ref gh0, j), stride);
            }

            for (; j + 16 <= columns; j += 16)
            {
                Pair<Simd512, Vector512<float>, One>(ref x0, dx, ref Unsafe.Add(ref w0, j), ref Unsafe.Add(ref gx0, j), ref h0, dh, ref Unsafe.Add(ref u0, j), ref Unsafe.Add(ref gh0, j), stride);
            }
        }
        else
        {
            for (; j + 32 <= columns; j += 32)
            {
                Pair<Simd256, Vector256<float>, Four>(ref x0, dx, ref Unsafe.Add(ref w0, j), ref Unsafe.Add(ref gx0, j), ref h0, dh, ref Unsafe.Add(ref u0, j), ref Unsafe.Add(ref gh0, j), stride);
            }
        }

        for (; j + 8 <= columns; j += 8)
        {
            Pair<Simd256, Vector256<float>, One>(ref x0, dx, ref Unsafe.Add(ref w0, j), ref Unsafe.Add(ref gx0, j), ref h0, dh, ref Unsafe.Add(ref u0, j), ref Unsafe.Add(ref gh0, j), stride);
        }

        for (; j < columns; j++)
        {
            ref float a = ref Unsafe.Add(ref gx0, j);
            a = Chain(ref x0, ref Unsafe.Add(ref w0, j), stride, dx, a);
            ref float c = ref Unsafe.Add(ref gh0, j);
            c = Chain(ref h0, ref Unsafe.Add(ref u0, j), stride, dh, c);
        }
    }

    /// <summary>A gate's activation in place: sigmoid and tanh vectorised (<see cref="GateFunctions"/>), the others as the layer references apply them.</summary>
    /// <remarks>Measured here: <see cref="TensorPrimitives"/>' sigmoid and tanh took 4.4 ns a value, and a GRU of 64 units has 192 a step.</remarks>
    public static void Activate(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Sigmoid when GateFunctions.IsAccelerated:
                GateFunctions.Apply<GateFunctions.Sigmoid>(values);
                break;
            case Activation.Tanh when GateFunctions.IsAccelerated:
                GateFunctions.Apply<GateFunctions.Tanh>(values);
                break;
            case Activation.Sigmoid:
                // The scalar library's, from −87 up as the vector code clamps it: no subnormal gate (NaN stays NaN).
                TensorPrimitives.Max(values, -87f, values);
                Activations.ApplyPrecise(activation, values, 0f);
                break;
            default:
                Activations.ApplyPrecise(activation, values, 0f);
                break;
        }
    }

    /// <summary>
    /// gradient ⊙= act′, from the activation's output a: a(1 − a) for sigmoid and 1 − a² for tanh over whole vectors
    /// (the same formulas as the layer references' <c>Activations.Backward</c>, element by element the same bits), the others there.
    /// </summary>
    public static void Derivative(Activation activation, ReadOnlySpan<float> output, Span<float> gradient)
    {
        if (activation is not (Activation.Sigmoid or Activation.Tanh))
        {
            Activations.Backward(activation, output, gradient);
            return;
        }

        if (output.Length != gradient.Length)
        {
            ShapeGuard.ThrowLength(nameof(gradient), output.Length, gradient.Length, "the activation's outputs");
        }

        bool sigmoid = activation == Activation.Sigmoid;
        ref float a0 = ref MemoryMarshal.GetReference(output);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        int n = output.Length, i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var one = System.Numerics.Vector<float>.One;
            for (; i + System.Numerics.Vector<float>.Count <= n; i += System.Numerics.Vector<float>.Count)
            {
                var a = System.Numerics.Vector.LoadUnsafe(ref a0, (nuint)i);
                var g = System.Numerics.Vector.LoadUnsafe(ref g0, (nuint)i);
                System.Numerics.Vector.StoreUnsafe(g * (sigmoid ? a * (one - a) : one - a * a), ref g0, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float a = Unsafe.Add(ref a0, i);
            Unsafe.Add(ref g0, i) *= sigmoid ? a * (1f - a) : 1f - a * a;
        }
    }

    /// <summary>One column past the vectors: <paramref name="start"/> + Σₖ v[k] · m[k·stride], one fused multiply-add at a time in k's order (a vector lane's chain).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Chain(ref float v, ref float m, int stride, int depth, float start)
    {
        float sum = start;
        for (int k = 0; k < depth; k++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref v, k), Unsafe.Add(ref m, k * stride), sum);
        }

        return sum;
    }

    /// <summary>Checks a span holds <paramref name="rows"/> rows of <paramref name="width"/> values, <paramref name="stride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // four a call, each two comparisons: not worth a call of their own
    private static void Require(int length, int rows, int stride, int width, string name)
    {
        if (stride < width || length < (long)(rows - 1) * stride + width)
        {
            ThrowShape(length, rows, stride, width, name);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(int length, int rows, int stride, int width, string name) =>
        ShapeGuard.ThrowLength(name, (rows - 1) * stride + width, length, $"{rows} rows of {width}, {stride} apart");

    /// <summary>
    /// One row by <typeparamref name="TCount"/> vectors of <typeparamref name="TWidth"/> (1, 2, 4, 8 or 12): as many
    /// chains, each kernel row's vectors loaded once. One body for every width and count: the JIT compiles a copy per
    /// instantiation with both as constants, so the unused accumulators and their branches are gone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TWidth, TVector, TCount>(ref float v, ref float m, int stride, ref float y, int depth)
        where TWidth : struct, IGateLanes<TVector>
        where TVector : struct
        where TCount : struct, IConstant
    {
        int l = TWidth.Lanes;
        TVector c0 = TWidth.LoadUnsafe(ref y, 0);
        TVector c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        if (TCount.Value > 1)
        {
            c1 = TWidth.LoadUnsafe(ref y, (nuint)l);
        }

        if (TCount.Value > 2)
        {
            c2 = TWidth.LoadUnsafe(ref y, (nuint)(2 * l));
            c3 = TWidth.LoadUnsafe(ref y, (nuint)(3 * l));
        }

        if (TCount.Value > 4)
        {
            c4 = TWidth.LoadUnsafe(ref y, (nuint)(4 * l));
            c5 = TWidth.LoadUnsafe(ref y, (nuint)(5 * l));
            c6 = TWidth.LoadUnsafe(ref y, (nuint)(6 * l));
            c7 = TWidth.LoadUnsafe(ref y, (nuint)(7 * l));
        }

        if (TCount.Value > 8)
        {
            c8 = TWidth.LoadUnsafe(ref y, (nuint)(8 * l));
            c9 = TWidth.LoadUnsafe(ref y, (nuint)(9 * l));
            c10 = TWidth.LoadUnsafe(ref y, (nuint)(10 * l));
            c11 = TWidth.LoadUnsafe(ref y, (nuint)(11 * l));
        }

        for (int k = 0; k < depth; k++)
        {
            TVector b = TWidth.Create(Unsafe.Add(ref v, k));
            ref float row = ref Unsafe.Add(ref m, k * stride);
            c0 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, 0), c0);
            if (TCount.Value > 1)
            {
                c1 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)l), c1);
            }

            if (TCount.Value > 2)
            {
                c2 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(2 * l)), c2);
                c3 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(3 * l)), c3);
            }

            if (TCount.Value > 4)
            {
                c4 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(4 * l)), c4);
                c5 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(5 * l)), c5);
                c6 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(6 * l)), c6);
                c7 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(7 * l)), c7);
            }

            if (TCount.Value > 8)
            {
                c8 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(8 * l)), c8);
                c9 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(9 * l)), c9);
                c10 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(10 * l)), c10);
                c11 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref row, (nuint)(11 * l)), c11);
            }
        }

        TWidth.StoreUnsafe(c0, ref y, 0);
        if (TCount.Value > 1)
        {
            TWidth.StoreUnsafe(c1, ref y, (nuint)l);
        }

        if (TCount.Value > 2)
        {
            TWidth.StoreUnsafe(c2, ref y, (nuint)(2 * l));
            TWidth.StoreUnsafe(c3, ref y, (nuint)(3 * l));
        }

        if (TCount.Value > 4)
        {
            TWidth.StoreUnsafe(c4, ref y, (nuint)(4 * l));
            TWidth.StoreUnsafe(c5, ref y, (nuint)(5 * l));
            TWidth.StoreUnsafe(c6, ref y, (nuint)(6 * l));
            TWidth.StoreUnsafe(c7, ref y, (nuint)(7 * l));
        }

        if (TCount.Value > 8)
        {
            TWidth.StoreUnsafe(c8, ref y, (nuint)(8 * l));
            TWidth.StoreUnsafe(c9, ref y, (nuint)(9 * l));
            TWidth.StoreUnsafe(c10, ref y, (nuint)(10 * l));
            TWidth.StoreUnsafe(c11, ref y, (nuint)(11 * l));
        }
    }

    /// <summary>Four rows by two vectors of <typeparamref name="TWidth"/>: each kernel row's two vectors loaded once for four samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x2<TWidth, TVector>(ref float a, int aStride, ref float m, int mStride, ref float y, int yStride, int depth)
        where TWidth : struct, IGateLanes<TVector>
        where TVector : struct
    {
        int l = TWidth.Lanes;
        ref float y1 = ref Unsafe.Add(ref y, yStride);
        ref float y2 = ref Unsafe.Add(ref y, 2 * yStride);
        ref float y3 = ref Unsafe.Add(ref y, 3 * yStride);
        TVector c00 = TWidth.LoadUnsafe(ref y, 0), c01 = TWidth.LoadUnsafe(ref y, (nuint)l);
        TVector c10 = TWidth.LoadUnsafe(ref y1, 0), c11 = TWidth.LoadUnsafe(ref y1, (nuint)l);
        TVector c20 = TWidth.LoadUnsafe(ref y2, 0), c21 = TWidth.LoadUnsafe(ref y2, (nuint)l);
        TVector c30 = TWidth.LoadUnsafe(ref y3, 0), c31 = TWidth.LoadUnsafe(ref y3, (nuint)l);
        ref float a1 = ref Unsafe.Add(ref a, aStride);
        ref float a2 = ref Unsafe.Add(ref a, 2 * aStride);
        ref float a3 = ref Unsafe.Add(ref a, 3 * aStride);
        for (int k = 0; k < depth; k++)
        {
            ref float row = ref Unsafe.Add(ref m, k * mStride);
            TVector m0 = TWidth.LoadUnsafe(ref row, 0), m1 = TWidth.LoadUnsafe(ref row, (nuint)l);
            TVector b = TWidth.Create(Unsafe.Add(ref a, k));
            c00 = TWidth.MultiplyAdd(b, m0, c00);
            c01 = TWidth.MultiplyAdd(b, m1, c01);
            b = TWidth.Create(Unsafe.Add(ref a1, k));
            c10 = TWidth.MultiplyAdd(b, m0, c10);
            c11 = TWidth.MultiplyAdd(b, m1, c11);
            b = TWidth.Create(Unsafe.Add(ref a2, k));
            c20 = TWidth.MultiplyAdd(b, m0, c20);
            c21 = TWidth.MultiplyAdd(b, m1, c21);
            b = TWidth.Create(Unsafe.Add(ref a3, k));
            c30 = TWidth.MultiplyAdd(b, m0, c30);
            c31 = TWidth.MultiplyAdd(b, m1, c31);
        }

        TWidth.StoreUnsafe(c00, ref y, 0);
        TWidth.StoreUnsafe(c01, ref y, (nuint)l);
        TWidth.StoreUnsafe(c10, ref y1, 0);
        TWidth.StoreUnsafe(c11, ref y1, (nuint)l);
        TWidth.StoreUnsafe(c20, ref y2, 0);
        TWidth.StoreUnsafe(c21, ref y2, (nuint)l);
        TWidth.StoreUnsafe(c30, ref y3, 0);
        TWidth.StoreUnsafe(c31, ref y3, (nuint)l);
    }

    /// <summary>
    /// <see cref="MultiplyAddPair"/>'s block: <typeparamref name="TCount"/> vectors of <typeparamref name="TWidth"/> of
    /// columns of both products, twice as many chains, over the shared depth, then the deeper product's rest as a
    /// <see cref="Row{TWidth, TVector, TCount}"/> (each chain keeps its order). One body for both widths: the JIT compiles one copy per instantiation, with the
    /// lanes and the vector count as constants.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair<TWidth, TVector, TCount>(ref float x, int dx, ref float w, ref float gx, ref float h, int dh, ref float u, ref float gh, int stride)
        where TWidth : struct, IGateLanes<TVector>
        where TVector : struct
        where TCount : struct, IConstant
    {
        int l = TWidth.Lanes;
        TVector a0 = TWidth.LoadUnsafe(ref gx, 0), a1 = TCount.Value > 1 ? TWidth.LoadUnsafe(ref gx, (nuint)l) : default;
        TVector a2 = TCount.Value > 2 ? TWidth.LoadUnsafe(ref gx, (nuint)(2 * l)) : default, a3 = TCount.Value > 2 ? TWidth.LoadUnsafe(ref gx, (nuint)(3 * l)) : default;
        TVector c0 = TWidth.LoadUnsafe(ref gh, 0), c1 = TCount.Value > 1 ? TWidth.LoadUnsafe(ref gh, (nuint)l) : default;
        TVector c2 = TCount.Value > 2 ? TWidth.LoadUnsafe(ref gh, (nuint)(2 * l)) : default, c3 = TCount.Value > 2 ? TWidth.LoadUnsafe(ref gh, (nuint)(3 * l)) : default;
        int both = Math.Min(dx, dh), k = 0;
        for (; k < both; k++)
        {
            TVector b = TWidth.Create(Unsafe.Add(ref x, k)), e = TWidth.Create(Unsafe.Add(ref h, k));
            ref float wr = ref Unsafe.Add(ref w, k * stride);
            ref float ur = ref Unsafe.Add(ref u, k * stride);
            a0 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref wr, 0), a0);
            c0 = TWidth.MultiplyAdd(e, TWidth.LoadUnsafe(ref ur, 0), c0);
            if (TCount.Value > 1)
            {
                a1 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref wr, (nuint)l), a1);
                c1 = TWidth.MultiplyAdd(e, TWidth.LoadUnsafe(ref ur, (nuint)l), c1);
            }

            if (TCount.Value > 2)
            {
                a2 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref wr, (nuint)(2 * l)), a2);
                c2 = TWidth.MultiplyAdd(e, TWidth.LoadUnsafe(ref ur, (nuint)(2 * l)), c2);
                a3 = TWidth.MultiplyAdd(b, TWidth.LoadUnsafe(ref wr, (nuint)(3 * l)), a3);
                c3 = TWidth.MultiplyAdd(e, TWidth.LoadUnsafe(ref ur, (nuint)(3 * l)), c3);
            }
        }

        TWidth.StoreUnsafe(a0, ref gx, 0);
        TWidth.StoreUnsafe(c0, ref gh, 0);
        if (TCount.Value > 1)
        {
            TWidth.StoreUnsafe(a1, ref gx, (nuint)l);
            TWidth.StoreUnsafe(c1, ref gh, (nuint)l);
        }

        if (TCount.Value > 2)
        {
            TWidth.StoreUnsafe(a2, ref gx, (nuint)(2 * l));
            TWidth.StoreUnsafe(c2, ref gh, (nuint)(2 * l));
            TWidth.StoreUnsafe(a3, ref gx, (nuint)(3 * l));
            TWidth.StoreUnsafe(c3, ref gh, (nuint)(3 * l));
        }

        // The deeper product's rest, its chains picked up where the shared loop stored them.
        if (k < dx)
        {
            Row<TWidth, TVector, TCount>(ref Unsafe.Add(ref x, k), ref Unsafe.Add(ref w, k * stride), stride, ref gx, dx - k);
        }
        else if (k < dh)
        {
            Row<TWidth, TVector, TCount>(ref Unsafe.Add(ref h, k), ref Unsafe.Add(ref u, k * stride), stride, ref gh, dh - k);
        }
    }
}
