using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Generated;

/// <summary>
/// Each loss fused with the output layer's activation. Every function takes the output layer's pre-activation
/// (<c>logits</c>), writes the activated output into <c>prediction</c> and the loss's gradient with respect to the logits into
/// <c>logitsGradient</c>, and returns the loss of the one sample. Cross-entropies never take the log of a probability:
/// they use log-sum-exp and <c>log1p(exp(−|z|))</c>, so logits of ±50 (or ±500) give finite losses and exact gradients.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossFunctions
{
    /// <summary>
    /// Softmax then categorical cross-entropy <c>Σ y_i (logsumexp(z) − z_i)</c>; gradient <c>p·Σy − y</c> (that is <c>p − y</c> for a one-hot target).
    /// </summary>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient)
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        return SoftmaxCrossEntropyBatch(logits, target, 1, prediction, logitsGradient);
    }

    /// <summary>
    /// <see cref="SoftmaxCrossEntropy"/> for <paramref name="count"/> samples at once (rows of <paramref name="logits"/>,
    /// <paramref name="targets"/>, <paramref name="predictions"/> and <paramref name="logitsGradient"/>): returns the summed loss.
    /// Each sample's outputs are the same bits as its own <see cref="SoftmaxCrossEntropy"/> call; the batch only shares
    /// the vectorised exponentials.
    /// </summary>
    /// <remarks><c>sampleWeights</c>: empty, or one weight per sample that multiplies its loss and gradient (<c>Fit</c>'s <c>sampleWeight</c> and <c>classWeight</c>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SoftmaxCrossEntropyBatch(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int count, Span<float> predictions, Span<float> logitsGradient, ReadOnlySpan<float> sampleWeights = default)
    {
        int classes = CheckBatch(logits, targets.Length, count, predictions, logitsGradient, targetSize: -1);
        CheckWeights(sampleWeights, count);
        Span<float> logSumExp = stackalloc float[Chunk];
        float loss = 0f;
        for (int first = 0; first < count; first += Chunk)
        {
            int n = Math.Min(Chunk, count - first);
            Activations.SoftmaxRows(logits.Slice(first * classes, n * classes), predictions.Slice(first * classes, n * classes), classes, logSumExp.Slice(0, n));
            for (int k = 0; k < n; k++)
            {
                int row = (first + k) * classes;
                float sampleLoss = 0f;
                float targetSum = 0f;
                for (int i = 0; i < classes; i++)
                {
                    sampleLoss += targets[row + i] * (logSumExp[k] - logits[row + i]);
                    targetSum += targets[row + i];
                }

                for (int i = 0; i < classes; i++)
                {
                    logitsGradient[row + i] = predictions[row + i] * targetSum - targets[row + i];
                }

                loss += Weigh(sampleLoss, logitsGradient.Slice(row, classes), sampleWeights, first + k);
            }

            FlushProbabilities(logitsGradient.Slice(first * classes, n * classes));
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
        return SparseSoftmaxCrossEntropyBatch(logits, target, 1, prediction, logitsGradient);
    }

    /// <summary>
    /// <see cref="SparseSoftmaxCrossEntropy"/> for <paramref name="count"/> samples at once (rows of <paramref name="logits"/>,
    /// <paramref name="predictions"/> and <paramref name="logitsGradient"/>; one class index per sample in
    /// <paramref name="targets"/>): returns the summed loss. Each sample's outputs are the same bits as its own
    /// <see cref="SparseSoftmaxCrossEntropy"/> call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a whole number in <c>0 .. classes−1</c>.</exception>
    /// <remarks><c>sampleWeights</c>: empty, or one weight per sample that multiplies its loss and gradient (<c>Fit</c>'s <c>sampleWeight</c> and <c>classWeight</c>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SparseSoftmaxCrossEntropyBatch(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int count, Span<float> predictions, Span<float> logitsGradient, ReadOnlySpan<float> sampleWeights = default)
    {
        int classes = CheckBatch(logits, targets.Length, count, predictions, logitsGradient, targetSize: 1);
        CheckWeights(sampleWeights, count);
        Span<float> logSumExp = stackalloc float[Chunk];
        float loss = 0f;
        for (int first = 0; first < count; first += Chunk)
        {
            int n = Math.Min(Chunk, count - first);
            ReadOnlySpan<float> chunkLogits = logits.Slice(first * classes, n * classes);
            Span<float> chunkGradient = logitsGradient.Slice(first * classes, n * classes);
            Activations.SoftmaxRows(chunkLogits, predictions.Slice(first * classes, n * classes), classes, logSumExp.Slice(0, n));

            // The gradient p − y: the chunk's probabilities copied at once, then 1 taken from each sample's label. (Row by
            // row, with a call to check each label, this loop cost Iris's training step as much as its softmax.) Each
            // sample's loss replaces its logsumexp, and the losses are summed in order in a loop of their own, so the sum
            // stays in a register (in one loop with the label checks, it went through memory every sample).
            predictions.Slice(first * classes, n * classes).CopyTo(chunkGradient);
            ref float z0 = ref MemoryMarshal.GetReference(chunkLogits);
            ref float g0 = ref MemoryMarshal.GetReference(chunkGradient);
            ReadOnlySpan<float> labels = targets.Slice(first, n);
            ref float label0 = ref MemoryMarshal.GetReference(labels);
            ref float sampleLoss0 = ref MemoryMarshal.GetReference(logSumExp);
            int valid = LeadingClassIndices(labels, classes);
            for (int k = 0; k < valid; k++)
            {
                int at = (k * classes) + (int)Unsafe.Add(ref label0, k);
                Unsafe.Add(ref g0, at) -= 1f;
                Unsafe.Add(ref sampleLoss0, k) -= Unsafe.Add(ref z0, at);
            }

            if (valid < n)
            {
                ClassIndex(labels[valid], classes); // throws, naming the label, the samples before it done
            }

            if (sampleWeights.IsEmpty)
            {
                // A float live across a call lives in memory (on Linux x64 no vector register survives a call), so the
                // sum is carried through this loop in a local: the same adds in the same order.
                float sum = loss;
                for (int k = 0; k < n; k++)
                {
                    sum += Unsafe.Add(ref sampleLoss0, k);
                }

                loss = sum;
            }
            else
            {
                for (int k = 0; k < n; k++)
                {
                    loss += Weigh(Unsafe.Add(ref sampleLoss0, k), chunkGradient.Slice(k * classes, classes), sampleWeights, first + k);
                }
            }

            FlushProbabilities(chunkGradient);
        }

        return loss;
    }

    /// <summary>
    /// Zeroes the subnormal values of a softmax's gradient <c>p − y</c>: a class whose logit trails the largest by more than
    /// about 87 has a subnormal probability, and every multiply-add of the backward pass that reads it would take Intel's
    /// slow path (Subnormals). The predictions themselves keep their bits.
    /// </summary>
    private static void FlushProbabilities(Span<float> logitsGradient) => Subnormals.FlushInPlace(logitsGradient);

    /// <summary>
    /// Sigmoid then binary cross-entropy averaged over the units, from the logits: <c>max(z, 0) − z·y + log1p(exp(−|z|))</c>;
    /// gradient <c>(σ(z) − y) / units</c>.
    /// </summary>
    /// <remarks><c>sampleWeight</c> multiplies the loss and the gradient (1: unweighted, the same bits).</remarks>
    public static float SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient, float sampleWeight = 1f)
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        float scale = 1f / logits.Length;
        float gradientScale = scale * sampleWeight;
        float loss = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            float z = logits[i];
            float y = target[i];
            float p = Activations.Sigmoid(z);
            prediction[i] = p;
            loss += MathF.Max(z, 0f) - z * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
            logitsGradient[i] = Subnormals.Flush((p - y) * gradientScale);
        }

        return loss * scale * sampleWeight;
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
        Span<float> logitsGradient,
        float sampleWeight = 1f)
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        logits.CopyTo(prediction);
        Activations.Apply(activation, prediction, negativeSlope);
        float scale = 1f / logits.Length;
        float gradientScale = 2f * scale * sampleWeight;
        float loss = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            float error = prediction[i] - target[i];
            loss += error * error;
            logitsGradient[i] = error * gradientScale;
        }

        Activations.Backward(activation, prediction, logitsGradient, negativeSlope);
        return loss * scale * sampleWeight;
    }

    /// <summary>
    /// The activation, then the absolute error averaged over the units (Keras's <c>mean_absolute_error</c>); gradient
    /// <c>sign(a − y) / units</c> (0 where they are equal) carried back through the activation.
    /// </summary>
    public static float MeanAbsoluteError(
        Activation activation, float negativeSlope, ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient, float sampleWeight = 1f) =>
        Regression(new AbsoluteError(), activation, negativeSlope, logits, target, prediction, logitsGradient, sampleWeight);

    /// <summary>
    /// The activation, then the Huber loss averaged over the units (Keras's <c>Huber(delta)</c>): <c>½e²</c> for
    /// <c>|e| ≤ δ</c>, else <c>δ(|e| − ½δ)</c>, with <c>e = a − y</c>; gradient <c>e</c> or <c>δ·sign(e)</c>, over the units.
    /// </summary>
    public static float Huber(
        float delta, Activation activation, float negativeSlope, ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient, float sampleWeight = 1f)
    {
        if (!(delta > 0f && float.IsFinite(delta)))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The Huber loss's delta must be a finite number > 0.");
        }

        return Regression(new HuberError(delta), activation, negativeSlope, logits, target, prediction, logitsGradient, sampleWeight);
    }

    /// <summary>
    /// The activation, then <c>log cosh(a − y)</c> averaged over the units (Keras's <c>log_cosh</c>); gradient
    /// <c>tanh(a − y) / units</c>. Computed in double as <c>|e| + log(1 + e^(−2|e|)) − log 2</c>: it neither overflows for a
    /// large error nor loses a small one to cancellation.
    /// </summary>
    public static float LogCosh(
        Activation activation, float negativeSlope, ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient, float sampleWeight = 1f) =>
        Regression(new LogCoshError(), activation, negativeSlope, logits, target, prediction, logitsGradient, sampleWeight);

    /// <summary>A regression loss of the error <c>e = a − y</c> of one unit: its value and its derivative.</summary>
    private interface IElementLoss
    {
        double Value(float error);

        float Derivative(float error);
    }

    private readonly struct AbsoluteError : IElementLoss
    {
        public double Value(float error) => Math.Abs(error);

        public float Derivative(float error) => MathF.Sign(error);
    }

    private readonly struct HuberError(float delta) : IElementLoss
    {
        public double Value(float error)
        {
            double e = Math.Abs((double)error);
            return e <= delta ? 0.5 * e * e : delta * (e - 0.5 * delta);
        }

        public float Derivative(float error) => MathF.Abs(error) <= delta ? error : delta * MathF.Sign(error);
    }

    private readonly struct LogCoshError : IElementLoss
    {
        public double Value(float error)
        {
            double e = Math.Abs((double)error);
            return e + Math.Log(1 + Math.Exp(-2 * e)) - Math.Log(2);
        }

        public float Derivative(float error) => MathF.Tanh(error);
    }

    /// <summary>
    /// The activation, then <typeparamref name="TLoss"/> of each unit's error averaged over the units, its gradient carried
    /// back through the activation. A NaN prediction gives a NaN loss (Fit stops on it).
    /// </summary>
    private static float Regression<TLoss>(
        TLoss element, Activation activation, float negativeSlope, ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> prediction, Span<float> logitsGradient, float sampleWeight)
        where TLoss : struct, IElementLoss
    {
        CheckLengths(logits, target.Length, logits.Length, prediction, logitsGradient);
        logits.CopyTo(prediction);
        Activations.Apply(activation, prediction, negativeSlope);
        float scale = 1f / logits.Length;
        float gradientScale = scale * sampleWeight;
        double loss = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float error = prediction[i] - target[i];
            loss += element.Value(error);
            logitsGradient[i] = float.IsNaN(error) ? float.NaN : element.Derivative(error) * gradientScale;
        }

        Activations.Backward(activation, prediction, logitsGradient, negativeSlope);
        return (float)loss * scale * sampleWeight;
    }

    /// <summary>Whether <paramref name="label"/> is a whole number in 0..<paramref name="classes"/>−1 (NaN is not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsClassIndex(float label, float classes) => label >= 0f && label < classes && label == MathF.Floor(label);

    /// <summary>
    /// How many of <paramref name="labels"/>, from the first, are class indices: a loop of its own, so that the loop that
    /// uses them has no call (to throw) in it and keeps its values in registers.
    /// </summary>
    private static int LeadingClassIndices(ReadOnlySpan<float> labels, int classes)
    {
        float limit = classes;
        for (int k = 0; k < labels.Length; k++)
        {
            if (!IsClassIndex(labels[k], limit))
            {
                return k;
            }
        }

        return labels.Length;
    }

    /// <summary>Reads a class index stored as a float, refusing anything that is not a whole number in range.</summary>
    internal static int ClassIndex(float label, int classes)
    {
        if (!IsClassIndex(label, classes))
        {
            throw new ArgumentOutOfRangeException(
                nameof(label), label, $"A sparse categorical target must be a class index in 0..{classes - 1}, but was {label}.");
        }

        return (int)label;
    }

    /// <summary>A sample's loss times its weight, its gradient row scaled likewise; unchanged when there are no weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Weigh(float sampleLoss, Span<float> gradientRow, ReadOnlySpan<float> sampleWeights, int sample)
    {
        if (sampleWeights.IsEmpty)
        {
            return sampleLoss;
        }

        float weight = sampleWeights[sample];
        for (int i = 0; i < gradientRow.Length; i++)
        {
            gradientRow[i] *= weight;
        }

        return sampleLoss * weight;
    }

    private static void CheckWeights(ReadOnlySpan<float> sampleWeights, int count)
    {
        if (!sampleWeights.IsEmpty && sampleWeights.Length != count)
        {
            ShapeGuard.ThrowLength(nameof(sampleWeights), count, sampleWeights.Length, "one weight per sample, or none");
        }
    }

    /// <summary>Rows per pass of the batch losses: their logsumexp buffer lives on the stack.</summary>
    private const int Chunk = 64;

    /// <summary>
    /// Checks a batch's spans and returns the classes per row. <paramref name="targetSize"/> is 1 for class indices, −1 for
    /// targets shaped like the logits.
    /// </summary>
    private static int CheckBatch(ReadOnlySpan<float> logits, int targetsLength, int count, Span<float> predictions, Span<float> logitsGradient, int targetSize)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The sample count must not be negative.");
        }

        if (count == 0 ? logits.Length != 0 : logits.Length % count != 0)
        {
            throw new ArgumentException($"{logits.Length} logits cannot be split into {count} samples of equal size.", nameof(logits));
        }

        int classes = count == 0 ? 0 : logits.Length / count;
        int expectedTargets = targetSize == 1 ? count : logits.Length;
        if (targetsLength != expectedTargets)
        {
            ShapeGuard.ThrowLength("targets", expectedTargets, targetsLength, targetSize == 1 ? "one class index per sample" : "count × classes");
        }

        if (predictions.Length != logits.Length)
        {
            ShapeGuard.ThrowLength(nameof(predictions), logits.Length, predictions.Length, "count × classes");
        }

        if (logitsGradient.Length != logits.Length)
        {
            ShapeGuard.ThrowLength(nameof(logitsGradient), logits.Length, logitsGradient.Length, "count × classes");
        }

        return classes;
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
