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

    /// <summary>One 8 × 8 tile: eight rows loaded, interleaved in three rounds of shuffles, eight columns stored.</summary>
    private static void Transpose8x8(ref float source, int sourceStride, ref float target, int targetStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride)), r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride)), r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));

        // Pairs of rows interleaved: (a0 b0 a1 b1 | a4 b4 a5 b5) and (a2 b2 a3 b3 | a6 b6 a7 b7).
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // Quadruples: (a0 b0 c0 d0 | a4 b4 c4 d4) and so on.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

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
