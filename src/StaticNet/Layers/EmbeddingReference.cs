using System.ComponentModel;
using System.Globalization;
using System.Numerics.Tensors;

namespace StaticNet.Generated;

/// <summary>
/// The embedding lookup, as Keras's <c>Embedding</c>: each step's token id (a whole number stored as a float) selects
/// a row of the table. The forward pass copies rows; the backward pass adds each step's gradient to the row it read (a
/// token that occurs twice gets both), element-wise, so the same bits at every vector width.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddingReference
{
    /// <summary>
    /// Looks up <paramref name="count"/> samples of <paramref name="steps"/> ids each in <paramref name="table"/>
    /// (<paramref name="inputDim"/> rows of <paramref name="outputDim"/>), writing steps × outputDim values per sample.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not a whole number in 0..inputDim − 1 (named by sample and step of this call).</exception>
    public static void Forward(ReadOnlySpan<float> ids, ReadOnlySpan<float> table, Span<float> y, int count, int steps, int inputDim, int outputDim)
    {
        Check(ids, table, count, steps, inputDim, outputDim);
        DenseReference.CheckRows(y.Length, count, steps * outputDim, nameof(y));
        for (int s = 0; s < count; s++)
        {
            for (int t = 0; t < steps; t++)
            {
                int row = Token(ids[s * steps + t], inputDim, s, t);
                table.Slice(row * outputDim, outputDim).CopyTo(y.Slice((s * steps + t) * outputDim, outputDim));
            }
        }
    }

    /// <summary>Adds dL/d(table) of <paramref name="count"/> samples to <paramref name="tableGradient"/>: each step's output gradient to the row its id read.</summary>
    public static void Backward(ReadOnlySpan<float> ids, ReadOnlySpan<float> gradient, Span<float> tableGradient, int count, int steps, int inputDim, int outputDim)
    {
        Check(ids, tableGradient, count, steps, inputDim, outputDim);
        DenseReference.CheckRows(gradient.Length, count, steps * outputDim, nameof(gradient));
        for (int s = 0; s < count; s++)
        {
            for (int t = 0; t < steps; t++)
            {
                Span<float> row = tableGradient.Slice(Token(ids[s * steps + t], inputDim, s, t) * outputDim, outputDim);
                TensorPrimitives.Add(row, gradient.Slice((s * steps + t) * outputDim, outputDim), row);
            }
        }
    }

    /// <summary>The row an id selects.</summary>
    /// <exception cref="ArgumentException">The id is not a whole number in 0..inputDim − 1.</exception>
    public static int Token(float id, int inputDim, int sample, int step)
    {
        if (!IsToken(id, inputDim))
        {
            throw new ArgumentException(Message(id, inputDim, sample, step));
        }

        return (int)id;
    }

    /// <summary>Whether <paramref name="id"/> is a whole number in 0..inputDim − 1.</summary>
    public static bool IsToken(float id, int inputDim) => id >= 0f && id < inputDim && id == MathF.Floor(id);

    /// <summary>The message for a bad id, naming where it is.</summary>
    public static string Message(float id, int inputDim, int sample, int step) =>
        string.Create(CultureInfo.InvariantCulture, $"Sample {sample}, step {step} has the token id {id:R}, which is not a whole number in 0..{inputDim - 1} (the embedding's inputDim is {inputDim}).");

    private static void Check(ReadOnlySpan<float> ids, ReadOnlySpan<float> table, int count, int steps, int inputDim, int outputDim)
    {
        DenseReference.CheckRows(ids.Length, count, steps, nameof(ids));
        if (table.Length != inputDim * outputDim)
        {
            ShapeGuard.ThrowLength(nameof(table), inputDim * outputDim, table.Length, "inputDim × outputDim");
        }
    }
}
