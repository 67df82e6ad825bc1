using System.ComponentModel;

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

        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = matrix.Slice(i * columns, columns);
            for (int j = 0; j < row.Length; j++)
            {
                transposed[j * rows + i] = row[j];
            }
        }
    }
}
