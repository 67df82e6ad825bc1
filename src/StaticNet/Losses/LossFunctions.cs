namespace StaticNet;

/// <summary>
/// Each loss fused with the output layer's activation. Every function takes the output layer's pre-activation
/// (<c>logits</c>), writes the activated output into <c>prediction</c> and the loss's gradient with respect to the logits into
/// <c>logitsGradient</c>, and returns the loss of the one sample. Cross-entropies never take the log of a probability:
/// they use log-sum-exp and <c>log1p(exp(−|z|))</c>, so logits of ±50 (or ±500) give finite losses and exact gradients.
/// </summary>
public static class LossFunctions
{
    /// <summary>The sample's loss and gradient for <paramref name="loss"/> on an output layer with <paramref name="activation"/>.</summary>
    public static float Compute(
        Loss loss,
        Activation activation,
        float negativeSlope,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<float> target,
        Span<float> prediction,
        Span<float> logitsGradient) => loss switch
        {
            Loss.MeanSquaredError => MeanSquaredError(activation, negativeSlope, logits, target, prediction, logitsGradient),
            Loss.BinaryCrossEntropy => SigmoidBinaryCrossEntropy(logits, target, prediction, logitsGradient),
            Loss.CategoricalCrossEntropy => SoftmaxCrossEntropy(logits, target, prediction, logitsGradient),
            Loss.SparseCategoricalCrossEntropy => SparseSoftmaxCrossEntropy(logits, target, prediction, logitsGradient),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
        };

    /// <summary>
    /// Softmax then categorical cross-entropy <c>Σ y_i (logsumexp(z) − z_i)</c>; gradient <c>p·Σy − y</c> (that is <c>p − y</c> for a one-hot target).
    /// </summary>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient)
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        float logSumExp = Activations.Softmax(logits, prediction);
        float loss = 0f;
        float targetSum = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            loss += target[i] * (logSumExp - logits[i]);
            targetSum += target[i];
        }

        for (int i = 0; i < logits.Length; i++)
        {
            logitsGradient[i] = prediction[i] * targetSum - target[i];
        }

        return loss;
    }

    /// <summary>
    /// Softmax then cross-entropy against one class index <c>target[0]</c>: <c>logsumexp(z) − z_label</c>; gradient <c>p − onehot(label)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is not a whole number in <c>0 .. logits.Length−1</c>.</exception>
    public static float SparseSoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient)
    {
        CheckLengths(logits, target.Length, 1, prediction, logitsGradient);
        int label = ClassIndex(target[0], logits.Length);
        float logSumExp = Activations.Softmax(logits, prediction);
        prediction.CopyTo(logitsGradient);
        logitsGradient[label] -= 1f;
        return logSumExp - logits[label];
    }

    /// <summary>
    /// Sigmoid then binary cross-entropy averaged over the units, from the logits: <c>max(z, 0) − z·y + log1p(exp(−|z|))</c>;
    /// gradient <c>(σ(z) − y) / units</c>.
    /// </summary>
    public static float SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient)
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        float scale = 1f / logits.Length;
        float loss = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            float z = logits[i];
            float y = target[i];
            float p = Activations.Sigmoid(z);
            prediction[i] = p;
            loss += MathF.Max(z, 0f) - z * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
            logitsGradient[i] = (p - y) * scale;
        }

        return loss * scale;
    }

    /// <summary>
    /// The activation, then the squared error averaged over the units (Keras's <c>mean_squared_error</c>);
    /// gradient <c>2 (a − y) / units</c> carried back through the activation.
    /// </summary>
    public static float MeanSquaredError(
        Activation activation,
        float negativeSlope,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<float> target,
        Span<float> prediction,
        Span<float> logitsGradient)
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        logits.CopyTo(prediction);
        Activations.Apply(activation, prediction, negativeSlope);
        float scale = 1f / logits.Length;
        float loss = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            float error = prediction[i] - target[i];
            loss += error * error;
            logitsGradient[i] = 2f * error * scale;
        }

        Activations.Backward(activation, prediction, logitsGradient, negativeSlope);
        return loss * scale;
    }

    /// <summary>Reads a class index stored as a float, refusing anything that is not a whole number in range.</summary>
    internal static int ClassIndex(float label, int classes)
    {
        if (!(label >= 0f && label < classes) || label != MathF.Floor(label))
        {
            throw new ArgumentOutOfRangeException(
                nameof(label), label, $"A sparse categorical target must be a class index in 0..{classes - 1}, but was {label}.");
        }

        return (int)label;
    }

    private static void CheckLengths(ReadOnlySpan<float> logits, int targetLength, int expectedTargetLength, Span<float> prediction, Span<float> logitsGradient)
    {
        if (targetLength != expectedTargetLength)
        {
            ShapeGuard.ThrowLength("target", expectedTargetLength, targetLength, "the target size of this loss");
        }

        if (prediction.Length != logits.Length)
        {
            ShapeGuard.ThrowLength(nameof(prediction), logits.Length, prediction.Length, "the output size");
        }

        if (logitsGradient.Length != logits.Length)
        {
            ShapeGuard.ThrowLength(nameof(logitsGradient), logits.Length, logitsGradient.Length, "the output size");
        }
    }
}
