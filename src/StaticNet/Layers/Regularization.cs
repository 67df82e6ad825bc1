using System.ComponentModel;
using System.Numerics.Tensors;
using System.Numerics;

namespace StaticNet.Generated;

/// <summary>
/// Keras's kernel regularisers: the penalty <c>L1 · Σ|w| + L2 · Σ w²</c> that is added to the loss, and its gradient
/// <c>L1 · sign(w) + 2 · L2 · w</c> (sign(0) = 0) that is added to the weights' gradient.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Regularization
{
    /// <summary>
    /// Adds <paramref name="scale"/> × the penalty's gradient into <paramref name="gradient"/> and returns the penalty
    /// itself (unscaled). A training step over n samples, whose gradient is a sum over them, passes n.
    /// </summary>
    public static float Apply(ReadOnlySpan<float> weights, Span<float> gradient, float l1, float l2, float scale)
    {
        if (gradient.Length != weights.Length)
        {
            ShapeGuard.ThrowLength(nameof(gradient), weights.Length, gradient.Length, "one value per weight");
        }

        float penalty = 0f;
        if (l2 != 0f)
        {
            penalty += l2 * TensorPrimitives.SumOfSquares(weights);
            TensorPrimitives.MultiplyAddEstimate(weights, 2f * l2 * scale, gradient, gradient);
        }

        if (l1 != 0f)
        {
            penalty += l1 * TensorPrimitives.SumOfMagnitudes(weights);
            AddSigns(weights, l1 * scale, gradient);
        }

        return penalty;
    }

    /// <summary>The penalty alone: <c>L1 · Σ|w| + L2 · Σ w²</c>.</summary>
    public static float Penalty(ReadOnlySpan<float> weights, float l1, float l2) =>
        (l2 != 0f ? l2 * TensorPrimitives.SumOfSquares(weights) : 0f) + (l1 != 0f ? l1 * TensorPrimitives.SumOfMagnitudes(weights) : 0f);

    /// <summary><c>gradient += factor · sign(w)</c>, vectorised: the kernel of a wide layer is regularised once per batch.</summary>
    private static void AddSigns(ReadOnlySpan<float> weights, float factor, Span<float> gradient)
    {
        var plus = new Vector<float>(factor);
        var minus = new Vector<float>(-factor);
        int i = 0;
        for (; i + Vector<float>.Count <= weights.Length; i += Vector<float>.Count)
        {
            var w = new Vector<float>(weights.Slice(i));
            Vector<float> step = Vector.ConditionalSelect(Vector.GreaterThan(w, Vector<float>.Zero), plus, Vector<float>.Zero)
                + Vector.ConditionalSelect(Vector.LessThan(w, Vector<float>.Zero), minus, Vector<float>.Zero);
            (new Vector<float>(gradient.Slice(i)) + step).CopyTo(gradient.Slice(i));
        }

        for (; i < weights.Length; i++)
        {
            float w = weights[i];
            gradient[i] += w > 0f ? factor : w < 0f ? -factor : 0f;
        }
    }
}
