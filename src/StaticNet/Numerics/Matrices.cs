using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Generated;

/// <summary>Small dense-matrix helpers that generated code calls (row-major float spans).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Matrices
{
    /// <summary>
    /// Writes the transpose of <paramref name="matrix"/> (<paramref name="rows"/> × <paramref name="columns"/>) into
    /// <paramref name="transposed"/> (<paramref name="columns"/> × <paramref name="rows"/>). A mini-batch backward pass
    /// reads a kernel this way to compute its input gradients without horizontal sums.
    /// </summary>
    public static void Transpose(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> transposed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (matrix.Length != rows * columns)
        {
            ShapeGuard.ThrowLength(nameof(matrix), rows * columns, matrix.Length, "rows × columns");
        }

        if (transposed.Length != matrix.Length)
        {
            ShapeGuard.ThrowLength(nameof(transposed), matrix.Length, transposed.Length, "rows × columns");
        }

        // Tile by tile, so the lines a tile reads and writes stay in the cache while it is copied: row by row, every value
        // went to a different line (1 KB apart for a 256-row kernel), and transposing LeNet-5's first Dense kernel
        // (256 × 120) that way cost 8 % of its training step. Whole 8 × 8 tiles go through eight AVX registers.
        ref float from = ref MemoryMarshal.GetReference(matrix);
        ref float to = ref MemoryMarshal.GetReference(transposed);
        int vectorRows = Avx.IsSupported ? rows / 8 * 8 : 0, vectorColumns = Avx.IsSupported ? columns / 8 * 8 : 0;
        for (int i0 = 0; i0 < vectorRows; i0 += 8)
        {
            for (int j0 = 0; j0 < vectorColumns; j0 += 8)
            {
                Transpose8x8(ref Unsafe.Add(ref from, (nint)i0 * columns + j0), columns, ref Unsafe.Add(ref to, (nint)j0 * rows + i0), rows);
            }
        }

        // The edges the whole tiles leave: the rows below them (every column), then the columns right of them.
        TransposeBlock(ref from, columns, ref to, rows, vectorRows, rows, 0, columns);
        TransposeBlock(ref from, columns, ref to, rows, 0, vectorRows, vectorColumns, columns);
    }

    /// <summary>
    /// Adds the sum of each column of <paramref name="rows"/> (<paramref name="count"/> rows of <paramref name="columns"/>,
    /// row-major) into <paramref name="sums"/>: <c>sums[j] += Σ_s rows[s, j]</c>, a bias gradient from a tile's dL/dz.
    /// Each column is one chain of additions in row order from its old value, whatever the vector width, so the bits are
    /// those of adding one row at a time. Columns go a vector at a time (the widest that a row fills; past the last whole
    /// vector one more ending at the last column, overlapping it), four vectors summed side by side in one pass over the
    /// rows; fewer than four columns, one chain each in the same pass. Inlined, so that in generated code, where the
    /// columns are a constant, the choice of width and of passes is made by the JIT and the loops are all that remain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddColumnSums(ReadOnlySpan<float> rows, int count, int columns, Span<float> sums)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (rows.Length < count * columns)
        {
            ShapeGuard.ThrowLength(nameof(rows), count * columns, rows.Length, "count × columns");
        }

        if (sums.Length != columns)
        {
            ShapeGuard.ThrowLength(nameof(sums), columns, sums.Length, "columns");
        }

        ref float row0 = ref MemoryMarshal.GetReference(rows);
        ref float sum0 = ref MemoryMarshal.GetReference(sums);
        if (Vector512.IsHardwareAccelerated && columns >= Vector512<float>.Count)
        {
            AddColumnSums<Vector512<float>, Simd512>(ref row0, count, columns, ref sum0);
        }
        else if (Vector256.IsHardwareAccelerated && columns >= Vector256<float>.Count)
        {
            AddColumnSums<Vector256<float>, Simd256>(ref row0, count, columns, ref sum0);
        }
        else if (Vector128.IsHardwareAccelerated && columns >= Vector128<float>.Count)
        {
            AddColumnSums<Vector128<float>, Simd128>(ref row0, count, columns, ref sum0);
        }
        else
        {
            AddColumnSumsScalar(ref row0, count, columns, ref sum0);
        }
    }

    /// <summary>
    /// <see cref="AddColumnSums(ReadOnlySpan{float}, int, int, Span{float})"/> a vector of columns at a time (needs columns ≥
    /// lanes). The vectors start at whole multiples of the lanes and, where the columns are not one, at columns − lanes;
    /// they are summed four to a pass, the first pass taking the remainder, so the last pass holds both the last whole
    /// vector and the one overlapping it: both load their old sums before either stores, and store the same bits for the
    /// columns they share.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumnSums<TVector, TWidth>(ref float rows, int count, int columns, ref float sums)
        where TVector : struct
        where TWidth : IVectorWidth<TVector>
    {
        int vectors = (columns + TWidth.Lanes - 1) / TWidth.Lanes;
        int first = vectors % 4 == 0 ? 4 : vectors % 4;
        SumPass<TVector, TWidth>(ref rows, count, columns, ref sums, 0, first);
        for (int v = first; v < vectors; v += 4)
        {
            SumPass<TVector, TWidth>(ref rows, count, columns, ref sums, v, 4);
        }
    }

    /// <summary>
    /// One pass over the rows for <paramref name="taken"/> (1 to 4) vectors from vector <paramref name="first"/>: a
    /// constant where the caller is inlined, so only that many accumulators are kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumPass<TVector, TWidth>(ref float rows, int count, int columns, ref float sums, int first, int taken)
        where TVector : struct
        where TWidth : IVectorWidth<TVector>
    {
        int lanes = TWidth.Lanes;
        nuint start0 = Start(0), start1 = Start(1), start2 = Start(2), start3 = Start(3);
        TVector s0 = TWidth.LoadUnsafe(ref sums, start0), s1 = default, s2 = default, s3 = default;
        if (taken > 1)
        {
            s1 = TWidth.LoadUnsafe(ref sums, start1);
        }

        if (taken > 2)
        {
            s2 = TWidth.LoadUnsafe(ref sums, start2);
        }

        if (taken > 3)
        {
            s3 = TWidth.LoadUnsafe(ref sums, start3);
        }

        for (int s = 0; s < count; s++)
        {
            ref float row = ref Unsafe.Add(ref rows, (nint)s * columns);
            s0 = TWidth.Add(s0, TWidth.LoadUnsafe(ref row, start0));
            if (taken > 1)
            {
                s1 = TWidth.Add(s1, TWidth.LoadUnsafe(ref row, start1));
            }

            if (taken > 2)
            {
                s2 = TWidth.Add(s2, TWidth.LoadUnsafe(ref row, start2));
            }

            if (taken > 3)
            {
                s3 = TWidth.Add(s3, TWidth.LoadUnsafe(ref row, start3));
            }
        }

        TWidth.StoreUnsafe(s0, ref sums, start0);
        if (taken > 1)
        {
            TWidth.StoreUnsafe(s1, ref sums, start1);
        }

        if (taken > 2)
        {
            TWidth.StoreUnsafe(s2, ref sums, start2);
        }

        if (taken > 3)
        {
            TWidth.StoreUnsafe(s3, ref sums, start3);
        }

        nuint Start(int k) => (nuint)Math.Min((first + Math.Min(k, taken - 1)) * lanes, columns - lanes);
    }

    /// <summary>Fewer columns than a 128-bit vector has lanes (or no SIMD): four chains at a time, a repeated column summed twice alike.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumnSumsScalar(ref float rows, int count, int columns, ref float sums)
    {
        for (int j = 0; j < columns; j += 4)
        {
            nint j0 = j, j1 = Math.Min(j + 1, columns - 1), j2 = Math.Min(j + 2, columns - 1), j3 = Math.Min(j + 3, columns - 1);
            float s0 = Unsafe.Add(ref sums, j0), s1 = Unsafe.Add(ref sums, j1), s2 = Unsafe.Add(ref sums, j2), s3 = Unsafe.Add(ref sums, j3);
            for (int s = 0; s < count; s++)
            {
                ref float row = ref Unsafe.Add(ref rows, (nint)s * columns);
                s0 += Unsafe.Add(ref row, j0);
                s1 += Unsafe.Add(ref row, j1);
                s2 += Unsafe.Add(ref row, j2);
                s3 += Unsafe.Add(ref row, j3);
            }

            Unsafe.Add(ref sums, j3) = s3;
            Unsafe.Add(ref sums, j2) = s2;
            Unsafe.Add(ref sums, j1) = s1;
            Unsafe.Add(ref sums, j0) = s0;
        }
    }

    /// <summary>
    /// Rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) × columns [<paramref name="columnStart"/>,
    /// <paramref name="columnEnd"/>) of the matrix transposed, in 16 × 16 tiles (a 64-byte line of floats each way),
    /// each transposed row written in order.
    /// </summary>
    private static void TransposeBlock(ref float from, int columns, ref float to, int rows, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        const int Tile = 16;
        for (int i0 = rowStart; i0 < rowEnd; i0 += Tile)
        {
            int iEnd = Math.Min(i0 + Tile, rowEnd);
            for (int j = columnStart; j < columnEnd; j++)
            {
                ref float target = ref Unsafe.Add(ref to, (nint)j * rows);
                ref float source = ref Unsafe.Add(ref from, j);
                for (int i = i0; i < iEnd; i++)
                {
                    Unsafe.Add(ref target, i) = Unsafe.Add(ref source, (nint)i * columns);
                }
            }
        }
    }

    /// <summary>
    /// The first two rounds of an 8 × 8 transposition by AVX's in-lane shuffles, for four rows a–d: pairs of rows
    /// interleaved, (a0 b0 a1 b1 | a4 b4 a5 b5) and (a2 b2 a3 b3 | a6 b6 a7 b7), then quadruples, so that the low half of
    /// the p-th result holds column p of the four rows (a_p b_p c_p d_p) and its high half column p + 4. Callers exchange
    /// halves between two such groups (<c>Permute2x128</c>) or store the halves themselves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>) Quadruples(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        Vector256<float> ab0 = Avx.UnpackLow(a, b), ab1 = Avx.UnpackHigh(a, b), cd0 = Avx.UnpackLow(c, d), cd1 = Avx.UnpackHigh(c, d);
        return (Avx.Shuffle(ab0, cd0, 0x44), Avx.Shuffle(ab0, cd0, 0xEE), Avx.Shuffle(ab1, cd1, 0x44), Avx.Shuffle(ab1, cd1, 0xEE));
    }

    /// <summary>One 8 × 8 tile: eight rows loaded, interleaved in three rounds of shuffles, eight columns stored.</summary>
    private static void Transpose8x8(ref float source, int sourceStride, ref float target, int targetStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride)), r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride)), r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));

        var (u0, u1, u2, u3) = Quadruples(r0, r1, r2, r3);
        var (u4, u5, u6, u7) = Quadruples(r4, r5, r6, r7);

        // Halves swapped between the two groups of four rows: each register one column.
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref target, (nuint)targetStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref target, (nuint)(2 * targetStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref target, (nuint)(3 * targetStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref target, (nuint)(4 * targetStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref target, (nuint)(5 * targetStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref target, (nuint)(6 * targetStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref target, (nuint)(7 * targetStride));
    }
}
