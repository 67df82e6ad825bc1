using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Generated;

/// <summary>
/// Samples in vector lanes, for the batch <c>Forward</c> of networks of narrow layers: <see cref="Count"/> samples share
/// each 512-bit vector (or pair of 256-bit ones), one per feature, so a layer of a few units runs whole-vector
/// multiply-adds however few its units (a row-per-sample layout fills 10 of 16 lanes for a 10-unit layer and gathers a
/// column for a 3-unit one). A block of <see cref="Count"/> samples of <c>width</c> features is <c>width</c> runs of
/// <see cref="Count"/> floats: feature <c>i</c> of the block's sample <c>t</c> is at <c>i × Count + t</c>. These move
/// tiles between that layout and rows, and end a classifier with its softmax taken in lanes, with the same operations in
/// the same order as <see cref="Activations.ApplyRows"/>, so the probabilities are the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SampleLanes
{
    /// <summary>Samples a block holds, 16 floats per feature: one 512-bit vector, or two 256-bit ones taken in turn.</summary>
    public const int Count = 16;

    /// <summary>Samples in a 256-bit vector of lanes: half a block.</summary>
    internal const int Half = Count / 2;

    /// <summary>
    /// Widths up to this go between rows and lanes by whole-vector permutes (width² of them a block, for width loads and
    /// stores, the rows read in place); wider ones value by value. Iris's 4 features: 0.8-0.9 ns a sample against 2.8 value by value (Zen 4).
    /// </summary>
    private const int MaxPermutedWidth = 8;

    // For each width w ≤ MaxPermutedWidth, the w permutes that turn w vectors of one layout into w of the other: element t
    // of output m is lane (index & 15) of source (index >> 4).
    private static readonly Vector512<int>[][] s_rowsToLanes = Permutes(toLanes: true, Count, Vector512.Create);
    private static readonly Vector512<int>[][] s_lanesToRows = Permutes(toLanes: false, Count, Vector512.Create);

    // The same for blocks of 8 samples in one 256-bit vector a feature (AVX2's one-source permutes), as selections
    // (Selections256): for output m, entry m·w is the lane each element takes and entry m·w + k, k ≥ 1, the mask of
    // the elements that source k supplies.
    private static readonly Vector256<int>[][] s_rowsToLanes256 = Selections256(Permutes(toLanes: true, Half, Vector256.Create));
    private static readonly Vector256<int>[][] s_lanesToRows256 = Selections256(Permutes(toLanes: false, Half, Vector256.Create));

    /// <summary>Blocks of <see cref="Count"/> samples that hold <paramref name="count"/> samples.</summary>
    public static int Blocks(int count) => (count + Count - 1) / Count;

    /// <summary>
    /// Copies <paramref name="count"/> rows of <paramref name="width"/> features into blocks of lanes; lanes past the last
    /// sample repeat it (finite values, so the padded lanes' activations and exponentials stay finite, and are never read back).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowsToLanes(ReadOnlySpan<float> rows, Span<float> lanes, int count, int width)
    {
        Check(rows, lanes, count, width);
        if (count == 0)
        {
            return;
        }

        ref float row0 = ref MemoryMarshal.GetReference(rows);
        ref float lane0 = ref MemoryMarshal.GetReference(lanes);
        // Whole blocks by permutes (AVX-512), or for 4 features by 256-bit shuffles; the rest value by value.
        bool permutable = Permutable(width);
        bool fourWide = !permutable && width == 4 && Avx2.IsSupported;
        int whole = permutable || fourWide ? count / Count * Count : 0;
        for (int s = 0; s < whole; s += Count)
        {
            nint block = (nint)s * width;
            if (permutable)
            {
                BlockToLanes(ref Unsafe.Add(ref row0, block), width, ref AsVectors(ref Unsafe.Add(ref lane0, block)));
                continue;
            }

            // The block's two halves of 8 samples: rows 0-7 into lanes 0-7 of each feature, rows 8-15 into lanes 8-15.
            FourToLanes(ref Unsafe.Add(ref row0, block), ref Unsafe.Add(ref lane0, block));
            FourToLanes(ref Unsafe.Add(ref row0, block + (Count / 2 * width)), ref Unsafe.Add(ref lane0, block + (Count / 2)));
        }

        for (int s = whole; s < count; s += Count)
        {
            nint block = (nint)s * width;
            BlockToLanes(ref Unsafe.Add(ref row0, block), width, System.Math.Min(Count, count - s), ref Unsafe.Add(ref lane0, block), Count);
        }
    }

    /// <summary>
    /// 8 rows of 4 features (four 256-bit vectors, two rows each) into 8 lanes of each feature, feature <c>i</c> at
    /// <c>i × </c><see cref="Count"/> floats from <paramref name="lanes"/>: the 256-bit machine's path for 4 features (Iris's),
    /// where AVX-512's two-source permutes are missing. Interleaving pairs of rows, then pairs of pairs, leaves each
    /// feature's 8 samples in the order 0 2 4 6 | 1 3 5 7, which one permute puts right: 12 shuffles for 32 values, where
    /// value by value each is a load and a store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourToLanes(ref float rows, ref float lanes)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref rows), r1 = Vector256.LoadUnsafe(ref rows, 8);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref rows, 16), r3 = Vector256.LoadUnsafe(ref rows, 24);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1); // samples 0 2 | 1 3: features 0 1 and 2 3
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3); // samples 4 6 | 5 7
        Vector256<int> order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        Vector256.StoreUnsafe(Avx2.PermuteVar8x32(Avx.Shuffle(t0, t2, 0x44), order), ref lanes);
        Vector256.StoreUnsafe(Avx2.PermuteVar8x32(Avx.Shuffle(t0, t2, 0xEE), order), ref lanes, Count);
        Vector256.StoreUnsafe(Avx2.PermuteVar8x32(Avx.Shuffle(t1, t3, 0x44), order), ref lanes, 2 * Count);
        Vector256.StoreUnsafe(Avx2.PermuteVar8x32(Avx.Shuffle(t1, t3, 0xEE), order), ref lanes, 3 * Count);
    }

    /// <summary>Copies the first <paramref name="count"/> samples of blocks of lanes back into rows of <paramref name="width"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LanesToRows(ReadOnlySpan<float> lanes, Span<float> rows, int count, int width)
    {
        Check(rows, lanes, count, width);
        ref float lane0 = ref MemoryMarshal.GetReference(lanes);
        ref float row0 = ref MemoryMarshal.GetReference(rows);
        int whole = 0;
        if (Permutable(width))
        {
            whole = count / Count * Count;
            for (int s = 0; s < whole; s += Count)
            {
                nint block = (nint)s * width;
                BlockToRows(ref AsVectors(ref Unsafe.Add(ref lane0, block)), width, ref Unsafe.Add(ref row0, block));
            }
        }

        for (int s = whole; s < count; s += Count)
        {
            nint block = (nint)s * width;
            BlockToRows(ref Unsafe.Add(ref lane0, block), width, System.Math.Min(Count, count - s), ref Unsafe.Add(ref row0, block), Count);
        }
    }

    /// <summary>
    /// The softmax of each of the first <paramref name="count"/> samples' <paramref name="classes"/> logits, held in
    /// blocks of lanes, written as rows of probabilities: each sample shifted by its maximum, its exponentials
    /// (<see cref="FloatMath"/>, the same bits in any lane), their sum in class order, one division and the scaling, as
    /// <see cref="Activations.ApplyRows"/> takes a row's softmax, so each probability is the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxToRows(ReadOnlySpan<float> logits, Span<float> rows, int count, int classes)
    {
        Check(rows, logits, count, classes);
        if (!Permutable(classes))
        {
            if (Vector256.IsHardwareAccelerated && classes <= MaxPermutedWidth)
            {
                // The class count as a type argument, so that each count's code has constant loop bounds and strides.
                switch (classes)
                {
                    case 1:
                        SoftmaxToRows256<Constant.One>(logits, rows, count);
                        return;
                    case 2:
                        SoftmaxToRows256<Constant.Two>(logits, rows, count);
                        return;
                    case 3:
                        SoftmaxToRows256<Constant.Three>(logits, rows, count);
                        return;
                    case 4:
                        SoftmaxToRows256<Constant.Four>(logits, rows, count);
                        return;
                    case 5:
                        SoftmaxToRows256<Constant.Five>(logits, rows, count);
                        return;
                    case 6:
                        SoftmaxToRows256<Constant.Six>(logits, rows, count);
                        return;
                    case 7:
                        SoftmaxToRows256<Constant.Seven>(logits, rows, count);
                        return;
                    case 8:
                        SoftmaxToRows256<Constant.Eight>(logits, rows, count);
                        return;
                }
            }

            // Without 256-bit vectors (the row softmax then takes its exponentials one by one, which the lanes must match)
            // or for many classes: rows first, then the row softmax.
            LanesToRows(logits, rows, count, classes);
            Activations.ApplyRows(Activation.Softmax, rows.Slice(0, count * classes), rows.Slice(0, count * classes), classes);
            return;
        }

        ref Vector512<float> z0 = ref AsVectors(ref MemoryMarshal.GetReference(logits));
        ref float row0 = ref MemoryMarshal.GetReference(rows);
        Span<Vector512<float>> probabilities = stackalloc Vector512<float>[MaxPermutedWidth];
        ref Vector512<float> p0 = ref MemoryMarshal.GetReference(probabilities);
        for (int s = 0; s < count; s += Count)
        {
            nint block = (nint)s * classes;
            for (int c = 0; c < classes; c++)
            {
                Unsafe.Add(ref p0, c) = Unsafe.Add(ref z0, (s / Count * classes) + c);
            }

            Softmax<Simd512, Vector512<float>>(ref p0, classes, 1, out _);
            if (s + Count <= count)
            {
                BlockToRows(ref p0, classes, ref Unsafe.Add(ref row0, block));
            }
            else
            {
                BlockToRows(ref Unsafe.As<Vector512<float>, float>(ref p0), classes, count - s, ref Unsafe.Add(ref row0, block), Count);
            }
        }
    }

    /// <summary>
    /// The softmax of a vector of samples' <paramref name="classes"/> logits in lanes, in place, class <c>c</c> the vector
    /// <c>c × stride</c> from <paramref name="lanes"/>: each sample's maximum (returned), its shifted exponentials
    /// (<see cref="FloatMath"/>, the same bits in any lane and at any width), their sum in class order from +0
    /// (<paramref name="sum"/>; an exponential is never −0, so 0 + e is e), one division and the scaling: the row softmax's
    /// operations in its order, so each probability is the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Softmax<TWidth, TVector>(ref TVector lanes, int classes, int stride, out TVector sum)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        TVector max = lanes;
        for (int c = 1; c < classes; c++)
        {
            max = TWidth.MaxNative(max, Unsafe.Add(ref lanes, c * stride));
        }

        sum = TWidth.Zero;
        for (int c = 0; c < classes; c++)
        {
            TVector e = TWidth.Exp(TWidth.Subtract(Unsafe.Add(ref lanes, c * stride), max));
            Unsafe.Add(ref lanes, c * stride) = e;
            sum = TWidth.Add(sum, e);
        }

        TVector inverse = TWidth.Divide(TWidth.Create(1f), sum);
        for (int c = 0; c < classes; c++)
        {
            Unsafe.Add(ref lanes, c * stride) = TWidth.Multiply(Unsafe.Add(ref lanes, c * stride), inverse);
        }

        return max;
    }

    /// <summary>
    /// <see cref="SoftmaxToRows"/> where 256-bit vectors are accelerated but not 512-bit ones, in vectors of 8 samples (each
    /// block's lower and upper half) and in two passes over up to <see cref="SoftmaxChunk"/> samples: first every vector's
    /// maximum and its shifted exponentials, into a buffer; then the sums, the scaling and the rows. Done vector by vector
    /// to the end, each vector's sum, division and stores waited on its exponentials' latency, and the next vector's
    /// could not start for the instructions ahead of them; with the exponentials streamed the multiply-add units stay busy
    /// (Iris's 3 classes on Zen 3: 10.2 → 7.0 ns a sample, of which 4.2 are the exponentials at their throughput). The
    /// operations per lane are <see cref="Softmax{TWidth, TVector}"/>'s, in its order, so each probability is the same bits.
    /// The class count is a type (<typeparamref name="TClasses"/>, an <see cref="IConstant"/>): with constant bounds the
    /// JIT writes out the loops over the classes and the permutes (Iris: 6.7 → 5.6 ns a sample, against a count known only
    /// at run time).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SoftmaxToRows256<TClasses>(ReadOnlySpan<float> logits, Span<float> rows, int count)
        where TClasses : struct, IConstant
    {
        ref float z0 = ref MemoryMarshal.GetReference(logits);
        ref float row0 = ref MemoryMarshal.GetReference(rows);
        Span<float> buffer = stackalloc float[SoftmaxChunk * TClasses.Value];
        ref float e0 = ref MemoryMarshal.GetReference(buffer);
        for (int first = 0; first < count; first += SoftmaxChunk)
        {
            // Vectors of 8 samples in this chunk; vector v is half v % 2 of block v / 2, its class c 16 floats from c - 1.
            int samples = System.Math.Min(SoftmaxChunk, count - first);
            int vectors = (samples + Half - 1) / Half;
            ref float chunk = ref Unsafe.Add(ref z0, (nint)first * TClasses.Value);
            for (int v = 0; v < vectors; v++)
            {
                nuint from = (nuint)((v / 2 * Count * TClasses.Value) + (v % 2 * Half));
                nuint to = (nuint)(v * Half * TClasses.Value);
                Vector256<float> max = Vector256.LoadUnsafe(ref chunk, from);
                for (int c = 1; c < TClasses.Value; c++)
                {
                    max = Vector256.MaxNative(max, Vector256.LoadUnsafe(ref chunk, from + (nuint)(c * Count)));
                }

                for (int c = 0; c < TClasses.Value; c++)
                {
                    Vector256<float> shifted = Vector256.LoadUnsafe(ref chunk, from + (nuint)(c * Count)) - max;
                    Vector256.StoreUnsafe(FloatMath.Exp(shifted), ref e0, to + (nuint)(c * Half));
                }
            }

            for (int v = 0; v < vectors; v++)
            {
                ref Vector256<float> e = ref Unsafe.As<float, Vector256<float>>(ref Unsafe.Add(ref e0, v * Half * TClasses.Value));
                Vector256<float> sum = Vector256<float>.Zero;
                for (int c = 0; c < TClasses.Value; c++)
                {
                    sum += Unsafe.Add(ref e, c);
                }

                Vector256<float> inverse = Vector256.Create(1f) / sum;
                for (int c = 0; c < TClasses.Value; c++)
                {
                    Unsafe.Add(ref e, c) *= inverse;
                }

                int s = first + (v * Half);
                ref float row = ref Unsafe.Add(ref row0, (nint)s * TClasses.Value);
                if (s + Half <= count)
                {
                    BlockToRows256(ref e, TClasses.Value, ref row);
                }
                else
                {
                    BlockToRows(ref Unsafe.As<Vector256<float>, float>(ref e), TClasses.Value, count - s, ref row, Half);
                }
            }
        }
    }

    /// <summary>Samples per pass of <see cref="SoftmaxToRows256{TClasses}"/>: their exponentials take at most 2 KB of stack (8 classes).</summary>
    private const int SoftmaxChunk = 4 * Count;

    /// <summary>Whether rows of <paramref name="width"/> values go into lanes and back by whole-vector permutes on this machine.</summary>
    internal static bool Permutable(int width) => width <= MaxPermutedWidth && Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Whether rows of <paramref name="width"/> values go 8 at a time into 256-bit lanes and back by permutes on this
    /// machine (<see cref="BlockToLanes256"/>, <see cref="BlockToRows256"/>): AVX2's one-source permutes.
    /// </summary>
    internal static bool Permutable256(int width) => width <= MaxPermutedWidth && Avx2.IsSupported;

    /// <summary>
    /// <see cref="Count"/> rows of <paramref name="width"/> values from <paramref name="rows"/> as <paramref name="width"/>
    /// vectors of lanes into <paramref name="lanes"/> (<see cref="Permutable"/> widths only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockToLanes(ref float rows, int width, ref Vector512<float> lanes)
    {
        // The rows read in place as vectors (unaligned loads), not copied first.
        ref Vector512<float> sources = ref AsVectors(ref rows);
        Vector512<int>[] permutes = s_rowsToLanes[width];
        for (int m = 0; m < width; m++)
        {
            Unsafe.Add(ref lanes, m) = Pick(ref sources, width, permutes[m]);
        }
    }

    /// <summary><paramref name="width"/> vectors of lanes stored as <see cref="Count"/> rows (<see cref="Permutable"/> widths only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockToRows(ref Vector512<float> lanes, int width, ref float rows)
    {
        Vector512<int>[] permutes = s_lanesToRows[width];
        for (int m = 0; m < width; m++)
        {
            Vector512.StoreUnsafe(Pick(ref lanes, width, permutes[m]), ref rows, (nuint)(m * Count));
        }
    }

    /// <summary>
    /// <paramref name="samples"/> rows into <paramref name="lanesPerFeature"/> lanes of each feature (<see cref="Count"/>
    /// for a block, <see cref="Half"/> for one 256-bit vector), feature <c>i</c> at <c>i × lanesPerFeature</c>, value by
    /// value (any width, a partial block), the lanes past the last sample repeating it. Inlined, so that it is compiled
    /// optimised with its caller, never first in tier 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockToLanes(ref float rows, int width, int samples, ref float lanes, int lanesPerFeature)
    {
        for (int t = 0; t < lanesPerFeature; t++)
        {
            int row = System.Math.Min(t, samples - 1) * width;
            for (int i = 0; i < width; i++)
            {
                Unsafe.Add(ref lanes, (i * lanesPerFeature) + t) = Unsafe.Add(ref rows, row + i);
            }
        }
    }

    /// <summary>
    /// The first <paramref name="samples"/> of <paramref name="lanesPerFeature"/> lanes of each feature stored as rows,
    /// value by value (any width, a partial block), inlined as <see cref="BlockToLanes(ref float, int, int, ref float, int)"/> is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockToRows(ref float lanes, int width, int samples, ref float rows, int lanesPerFeature)
    {
        for (int t = 0; t < samples; t++)
        {
            for (int i = 0; i < width; i++)
            {
                Unsafe.Add(ref rows, (t * width) + i) = Unsafe.Add(ref lanes, (i * lanesPerFeature) + t);
            }
        }
    }

    /// <summary>Floats read and written in place as 512-bit vectors (unaligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Vector512<float> AsVectors(ref float first) => ref Unsafe.As<float, Vector512<float>>(ref first);

    /// <summary>
    /// One vector gathered from <paramref name="count"/> sources by <paramref name="index"/> (source × 16 + lane): a
    /// two-source permute of each pair of sources, kept where the pair holds the source.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pick(ref Vector512<float> sources, int count, Vector512<int> index)
    {
        // Avx512F's permutes, not Vector512.Shuffle: with indices that are not constants the latter is not one instruction.
        // Within a pair, bit 4 of the index picks the source and bits 0-3 the lane: what vpermt2ps reads.
        Vector512<int> inPair = index & Vector512.Create((2 * Count) - 1);
        Vector512<int> pair = index >>> 5;
        Vector512<float> result = Avx512F.PermuteVar16x32x2(sources, inPair, count > 1 ? Unsafe.Add(ref sources, 1) : sources);
        for (int k = 2; k < count; k += 2)
        {
            Vector512<float> mask = Vector512.Equals(pair, Vector512.Create(k / 2)).AsSingle();
            Vector512<float> picked = Avx512F.PermuteVar16x32x2(Unsafe.Add(ref sources, k), inPair, k + 1 < count ? Unsafe.Add(ref sources, k + 1) : Unsafe.Add(ref sources, k));
            result = Vector512.ConditionalSelect(mask, picked, result);
        }

        return result;
    }

    private static TVector[][] Permutes<TVector>(bool toLanes, int lanes, Func<int[], TVector> create)
    {
        var tables = new TVector[MaxPermutedWidth + 1][];
        var index = new int[lanes];
        for (int width = 1; width <= MaxPermutedWidth; width++)
        {
            tables[width] = new TVector[width];
            for (int m = 0; m < width; m++)
            {
                for (int t = 0; t < lanes; t++)
                {
                    // To lanes: output m is feature m, its lane t sample t, at t·width + m of the block's rows. To rows: element t
                    // of output m is the block's float (lanes · m + t), feature flat mod width of sample flat / width.
                    int flat = (lanes * m) + t;
                    index[t] = toLanes ? (t * width) + m : (flat % width * lanes) + (flat / width);
                }

                tables[width][m] = create(index);
            }
        }

        return tables;
    }

    /// <summary>
    /// 8 rows of <paramref name="width"/> values (<paramref name="width"/> 256-bit vectors, read in place) as
    /// <paramref name="width"/> vectors of lanes, a sample a lane: each output one permute of each source, kept where the
    /// index names that source (AVX2 has no two-source permute). For 3 classes, 27 vector operations where value by value
    /// each of the 24 values is a load and a store with its loop's arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockToLanes256(ref float rows, int width, ref Vector256<float> lanes)
    {
        ref Vector256<float> sources = ref Unsafe.As<float, Vector256<float>>(ref rows);
        ref Vector256<int> selections = ref MemoryMarshal.GetArrayDataReference(s_rowsToLanes256[width]);
        for (int m = 0; m < width; m++)
        {
            Unsafe.Add(ref lanes, m) = Pick(ref sources, width, ref Unsafe.Add(ref selections, m * width));
        }
    }

    /// <summary><paramref name="width"/> 256-bit vectors of lanes stored as 8 rows, by the permutes of <see cref="BlockToLanes256"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BlockToRows256(ref Vector256<float> lanes, int width, ref float rows)
    {
        ref Vector256<int> selections = ref MemoryMarshal.GetArrayDataReference(s_lanesToRows256[width]);
        for (int m = 0; m < width; m++)
        {
            Vector256.StoreUnsafe(Pick(ref lanes, width, ref Unsafe.Add(ref selections, m * width)), ref rows, (nuint)(m * Half));
        }
    }

    /// <summary>
    /// One 256-bit vector gathered from <paramref name="count"/> sources by a selection (<see cref="Selections256"/>): each
    /// source permuted by the selection's lanes, blended in where its mask is set. The lanes and masks come from the table,
    /// not from splitting an index each time: the split and the compares were as many operations again as the permutes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pick(ref Vector256<float> sources, int count, ref Vector256<int> selection)
    {
        Vector256<int> lane = selection;
        Vector256<float> result = Avx2.PermuteVar8x32(sources, lane);
        for (int k = 1; k < count; k++)
        {
            result = Avx.BlendVariable(result, Avx2.PermuteVar8x32(Unsafe.Add(ref sources, k), lane), Unsafe.Add(ref selection, k).AsSingle());
        }

        return result;
    }

    /// <summary>
    /// Each width's permute indices (source × 8 + lane) as selections: for output m of width w, entry m·w holds the lanes
    /// (index &amp; 7) and entry m·w + k, for each source k ≥ 1, all ones where the index names source k (index &gt;&gt; 3 = k).
    /// </summary>
    private static Vector256<int>[][] Selections256(Vector256<int>[][] permutes)
    {
        var tables = new Vector256<int>[permutes.Length][];
        for (int width = 1; width < permutes.Length; width++)
        {
            tables[width] = new Vector256<int>[width * width];
            for (int m = 0; m < width; m++)
            {
                Vector256<int> index = permutes[width][m];
                tables[width][m * width] = index & Vector256.Create(Half - 1);
                for (int k = 1; k < width; k++)
                {
                    tables[width][(m * width) + k] = Vector256.Equals(index >>> 3, Vector256.Create(k));
                }
            }
        }

        return tables;
    }

    private static void Check(ReadOnlySpan<float> rows, ReadOnlySpan<float> lanes, int count, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (rows.Length < count * width)
        {
            ShapeGuard.ThrowLength(nameof(rows), count * width, rows.Length, "count × width, or more");
        }

        if (lanes.Length < Blocks(count) * Count * width)
        {
            ShapeGuard.ThrowLength("lanes", Blocks(count) * Count * width, lanes.Length, "whole blocks of 16 samples × width, or more");
        }
    }

}
