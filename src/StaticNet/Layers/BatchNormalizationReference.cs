using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Generated;

/// <summary>
/// Batch normalisation over a tile of rows (samples × features), as Keras computes it. Per-feature work is vectorised
/// across features by TensorPrimitives, so the generated layer calls these directly on any hardware. Statistics are
/// computed in two passes (the mean, then the mean squared deviation from it), so a large mean costs no precision.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalizationReference
{
    /// <summary>Features per pass: the per-feature sums of a pass live on the stack.</summary>
    private const int Chunk = 256;

    /// <summary>
    /// Training mode: normalises each feature by the batch's mean μ and biased variance σ² of the <paramref name="count"/>
    /// rows, writes <c>x̂ = (x − μ) / √(σ² + ε)</c> into <paramref name="normalized"/> and <c>1 / √(σ² + ε)</c> into
    /// <paramref name="inverseStd"/> (both kept for the backward pass) and <c>y = γ · x̂ + β</c> into <paramref name="y"/>,
    /// and moves the moving statistics towards the batch's: <c>moving = moving · momentum + batch · (1 − momentum)</c>.
    /// </summary>
    public static void ForwardTraining(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta,
        Span<float> movingMean,
        Span<float> movingVariance,
        Span<float> normalized,
        Span<float> inverseStd,
        Span<float> y,
        int count,
        int features,
        float momentum,
        float epsilon)
    {
        CheckFeatures(features, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, inverseStd.Length);
        DenseReference.CheckRows(x.Length, count, features, nameof(x));
        DenseReference.CheckRows(normalized.Length, count, features, nameof(normalized));
        DenseReference.CheckRows(y.Length, count, features, nameof(y));
        if (count == 0)
        {
            return;
        }

        Span<float> mean = stackalloc float[Chunk];
        for (int f0 = 0; f0 < features; f0 += Chunk)
        {
            int width = Math.Min(Chunk, features - f0);
            Span<float> mu = mean.Slice(0, width);
            Span<float> variance = inverseStd.Slice(f0, width); // holds the variance until it becomes 1/√(σ² + ε)
            mu.Clear();
            variance.Clear();
            for (int s = 0; s < count; s++)
            {
                TensorPrimitives.Add(mu, x.Slice(s * features + f0, width), mu);
            }

            TensorPrimitives.Divide(mu, count, mu);
            for (int s = 0; s < count; s++)
            {
                Span<float> deviation = normalized.Slice(s * features + f0, width);
                TensorPrimitives.Subtract(x.Slice(s * features + f0, width), mu, deviation);
                TensorPrimitives.MultiplyAddEstimate(deviation, deviation, variance, variance);
            }

            TensorPrimitives.Divide(variance, count, variance);

            // The moving statistics move towards the batch's mean and biased variance, as Keras's do.
            float keep = momentum, take = 1f - momentum;
            Span<float> movingMu = movingMean.Slice(f0, width);
            Span<float> movingVar = movingVariance.Slice(f0, width);
            TensorPrimitives.Multiply(movingMu, keep, movingMu);
            TensorPrimitives.MultiplyAddEstimate(mu, take, movingMu, movingMu);
            TensorPrimitives.Multiply(movingVar, keep, movingVar);
            TensorPrimitives.MultiplyAddEstimate(variance, take, movingVar, movingVar);

            // A feature that is constant in every batch (a dead ReLU unit's) has variance 0, so its moving variance decays by
            // the momentum each step, into subnormal numbers after about 8,700 steps at Keras's 0.99 (Subnormals).
            Subnormals.FlushInPlace(movingMu);
            Subnormals.FlushInPlace(movingVar);

            InverseStandardDeviation(variance, epsilon, variance);
            for (int s = 0; s < count; s++)
            {
                Span<float> xHat = normalized.Slice(s * features + f0, width);
                TensorPrimitives.Multiply(xHat, variance, xHat);
                TensorPrimitives.MultiplyAddEstimate(xHat, gamma.Slice(f0, width), beta.Slice(f0, width), y.Slice(s * features + f0, width));
            }
        }
    }

    /// <summary>
    /// Inference mode: <c>y = γ · (x − moving mean) / √(moving variance + ε) + β</c> for <paramref name="count"/> rows.
    /// Where <paramref name="normalized"/> and <paramref name="inverseStd"/> are not empty, also keeps x̂ and
    /// <c>1 / √(moving variance + ε)</c> for a backward pass through the frozen statistics (a training step with
    /// <see cref="TrainingWorkspace.Training"/> false).
    /// </summary>
    public static void ForwardInference(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean,
        ReadOnlySpan<float> movingVariance,
        Span<float> y,
        int count,
        int features,
        float epsilon,
        Span<float> normalized,
        Span<float> inverseStd)
    {
        CheckFeatures(features, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, inverseStd.IsEmpty ? features : inverseStd.Length);
        DenseReference.CheckRows(x.Length, count, features, nameof(x));
        DenseReference.CheckRows(y.Length, count, features, nameof(y));
        bool keep = !normalized.IsEmpty;
        if (keep)
        {
            DenseReference.CheckRows(normalized.Length, count, features, nameof(normalized));
        }

        Span<float> scratch = stackalloc float[Chunk];
        for (int f0 = 0; f0 < features; f0 += Chunk)
        {
            int width = Math.Min(Chunk, features - f0);
            Span<float> inverse = keep ? inverseStd.Slice(f0, width) : scratch.Slice(0, width);
            InverseStandardDeviation(movingVariance.Slice(f0, width), epsilon, inverse);
            for (int s = 0; s < count; s++)
            {
                Span<float> row = y.Slice(s * features + f0, width);
                Span<float> xHat = keep ? normalized.Slice(s * features + f0, width) : row;
                TensorPrimitives.Subtract(x.Slice(s * features + f0, width), movingMean.Slice(f0, width), xHat);
                TensorPrimitives.Multiply(xHat, inverse, xHat);
                TensorPrimitives.MultiplyAddEstimate(xHat, gamma.Slice(f0, width), beta.Slice(f0, width), row);
            }
        }
    }

    /// <summary>
    /// One sample's gradient with respect to the input in inference mode, where the layer is the affine map
    /// <c>γ (x − μ) / √(σ² + ε) + β</c> of its moving statistics: <c>dx = dy · γ / √(σ² + ε)</c>.
    /// </summary>
    public static void InferenceInputGradient(ReadOnlySpan<float> gradient, ReadOnlySpan<float> gamma, ReadOnlySpan<float> movingVariance, Span<float> inputGradient, int features, float epsilon)
    {
        CheckFeatures(features, gamma.Length, movingVariance.Length, gradient.Length, inputGradient.Length);
        for (int f = 0; f < features; f++)
        {
            inputGradient[f] = gradient[f] * gamma[f] / MathF.Sqrt(movingVariance[f] + epsilon);
        }
    }

    /// <summary>
    /// The same for one sample of <paramref name="rows"/> rows of <paramref name="features"/> channels (an image or a
    /// sequence, normalised per channel): each row as <see cref="InferenceInputGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, float)"/>.
    /// </summary>
    public static void InferenceInputGradient(ReadOnlySpan<float> gradient, ReadOnlySpan<float> gamma, ReadOnlySpan<float> movingVariance, Span<float> inputGradient, int rows, int features, float epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        DenseReference.CheckRows(gradient.Length, rows, features, nameof(gradient));
        DenseReference.CheckRows(inputGradient.Length, rows, features, nameof(inputGradient));
        for (int r = 0; r < rows; r++)
        {
            InferenceInputGradient(gradient.Slice(r * features, features), gamma, movingVariance, inputGradient.Slice(r * features, features), features, epsilon);
        }
    }

    /// <summary>
    /// The backward pass for <paramref name="count"/> rows, from dL/dy (<paramref name="gradient"/>) and what the forward
    /// pass kept. Adds dL/dγ = Σ dL/dy · x̂ and dL/dβ = Σ dL/dy into <paramref name="gammaGradient"/> and
    /// <paramref name="betaGradient"/>; unless <paramref name="inputGradient"/> is empty, writes dL/dx into it: through the
    /// batch statistics (<paramref name="batchStatistics"/>, training mode),
    /// <c>γ / (n √(σ² + ε)) · (n dL/dy − Σ dL/dy − x̂ Σ dL/dy · x̂)</c>; through fixed ones, <c>γ / √(σ² + ε) · dL/dy</c>.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> gradient,
        ReadOnlySpan<float> normalized,
        ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gamma,
        Span<float> gammaGradient,
        Span<float> betaGradient,
        Span<float> inputGradient,
        int count,
        int features,
        bool batchStatistics)
    {
        CheckFeatures(features, gamma.Length, gammaGradient.Length, betaGradient.Length, inverseStd.Length, features);
        DenseReference.CheckRows(gradient.Length, count, features, nameof(gradient));
        DenseReference.CheckRows(normalized.Length, count, features, nameof(normalized));
        bool withInput = !inputGradient.IsEmpty;
        if (withInput)
        {
            DenseReference.CheckRows(inputGradient.Length, count, features, nameof(inputGradient));
        }

        Span<float> buffers = stackalloc float[3 * Chunk];
        for (int f0 = 0; f0 < features; f0 += Chunk)
        {
            int width = Math.Min(Chunk, features - f0);
            Span<float> sumGradient = buffers.Slice(0, width);
            Span<float> sumGradientXHat = buffers.Slice(Chunk, width);
            Span<float> factor = buffers.Slice(2 * Chunk, width);
            sumGradient.Clear();
            sumGradientXHat.Clear();
            for (int s = 0; s < count; s++)
            {
                ReadOnlySpan<float> dy = gradient.Slice(s * features + f0, width);
                TensorPrimitives.Add(sumGradient, dy, sumGradient);
                TensorPrimitives.MultiplyAddEstimate(dy, normalized.Slice(s * features + f0, width), sumGradientXHat, sumGradientXHat);
            }

            TensorPrimitives.Add(betaGradient.Slice(f0, width), sumGradient, betaGradient.Slice(f0, width));
            TensorPrimitives.Add(gammaGradient.Slice(f0, width), sumGradientXHat, gammaGradient.Slice(f0, width));
            if (!withInput)
            {
                continue;
            }

            // γ / √(σ² + ε), and for batch statistics also divided by n.
            TensorPrimitives.Multiply(gamma.Slice(f0, width), inverseStd.Slice(f0, width), factor);
            if (!batchStatistics)
            {
                for (int s = 0; s < count; s++)
                {
                    TensorPrimitives.Multiply(gradient.Slice(s * features + f0, width), factor, inputGradient.Slice(s * features + f0, width));
                }

                continue;
            }

            TensorPrimitives.Divide(factor, count, factor);
            TensorPrimitives.Negate(sumGradientXHat, sumGradientXHat);
            for (int s = 0; s < count; s++)
            {
                Span<float> dx = inputGradient.Slice(s * features + f0, width);

                // n·dy − Σdy − x̂·Σ(dy·x̂), then scaled by γ / (n √(σ² + ε)).
                TensorPrimitives.Multiply(gradient.Slice(s * features + f0, width), count, dx);
                TensorPrimitives.Subtract(dx, sumGradient, dx);
                TensorPrimitives.MultiplyAddEstimate(normalized.Slice(s * features + f0, width), sumGradientXHat, dx, dx);
                TensorPrimitives.Multiply(dx, factor, dx);
            }
        }
    }

    private static void InverseStandardDeviation(ReadOnlySpan<float> variance, float epsilon, Span<float> inverse)
    {
        TensorPrimitives.Add(variance, epsilon, inverse);
        TensorPrimitives.Sqrt(inverse, inverse);
        TensorPrimitives.Divide(1f, inverse, inverse);
    }

    private static void CheckFeatures(int features, params ReadOnlySpan<int> lengths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        foreach (int length in lengths)
        {
            if (length != features)
            {
                ShapeGuard.ThrowLength("features", features, length, "one value per feature");
            }
        }
    }
}
