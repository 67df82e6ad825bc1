using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// Accuracy as Keras reports it next to each loss: for (sparse) categorical cross-entropy, whether the most probable class is
/// the target class; for binary cross-entropy, the fraction of units on the right side of 0.5. A regression loss (mean
/// squared or absolute error, Huber, log-cosh) has none.
/// </summary>
public static class Accuracy
{
    /// <summary>Whether <paramref name="loss"/> comes with an accuracy.</summary>
    public static bool IsDefinedFor(Loss loss) => loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy;

    /// <summary>The accuracy of one sample, in [0, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float OfSample(Loss loss, ReadOnlySpan<float> prediction, ReadOnlySpan<float> target) => loss switch
    {
        Loss.SparseCategoricalCrossEntropy => ArgMax(prediction) == (int)target[0] ? 1f : 0f,
        Loss.CategoricalCrossEntropy => ArgMax(prediction) == ArgMax(target) ? 1f : 0f,
        Loss.BinaryCrossEntropy => Binary(prediction, target),
        _ => float.NaN,
    };

    /// <summary>
    /// The class a network's output predicts: for one sigmoid output, 1 above 0.5 and 0 otherwise (Keras's threshold);
    /// otherwise the largest output's index.
    /// </summary>
    internal static int PredictedClass(ReadOnlySpan<float> output) => output.Length == 1 ? (output[0] > 0.5f ? 1 : 0) : ArgMax(output);

    /// <summary>The index of the largest value (the first, on ties; 0 for an empty span).</summary>
    /// <remarks>
    /// Branch-free: which class wins changes from sample to sample, so a branch per comparison is mispredicted about as
    /// often as not (with one, the training accuracy of Iris's 3 classes took 8 % of its whole recipe). The comparison is
    /// the same <c>&gt;</c> against the value at the best index so far, so ties, signed zeros and NaNs give the same index.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        ref float v0 = ref MemoryMarshal.GetReference(values);
        Vector128<float> max = Vector128.CreateScalarUnsafe(v0);
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            Vector128<float> value = Vector128.CreateScalarUnsafe(Unsafe.Add(ref v0, i));
            Vector128<float> greater = Vector128.GreaterThan(value, max);
            max = Vector128.ConditionalSelect(greater, value, max);
            best ^= (best ^ i) & greater.AsInt32().ToScalar(); // the mask is all ones where greater
        }

        return best;
    }

    /// <summary>
    /// <paramref name="sum"/> plus the <see cref="OfSample"/> of each of <paramref name="count"/> samples (rows of
    /// <paramref name="predictions"/> and <paramref name="targets"/>), added in order as a loop over the samples would,
    /// so the same bits, without a call and a switch per sample.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double AddSamples(double sum, Loss loss, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count)
    {
        if (count <= 0)
        {
            return sum;
        }

        int outputSize = predictions.Length / count, targetSize = targets.Length / count;
        if (loss != Loss.SparseCategoricalCrossEntropy)
        {
            for (int k = 0; k < count; k++)
            {
                sum += OfSample(loss, predictions.Slice(k * outputSize, outputSize), targets.Slice(k * targetSize, targetSize));
            }

            return sum;
        }

        // A sample's accuracy is 1 or 0: the sum of whole numbers below 2⁵³ is exact in any order.
        int right = 0, k0 = 0;
        if (targetSize == 1 && outputSize > 1 && Generated.SampleLanes.Permutable256(outputSize))
        {
            k0 = count / Generated.SampleLanes.Half * Generated.SampleLanes.Half;
            right = RightInLanes(predictions, targets, k0, outputSize);
        }

        for (int k = k0; k < count; k++)
        {
            right += ArgMax(predictions.Slice(k * outputSize, outputSize)) == (int)targets[k * targetSize] ? 1 : 0;
        }

        return sum + right;
    }

    /// <summary>
    /// How many of the first <paramref name="count"/> samples (a multiple of 8) have their class index as the largest of
    /// their <paramref name="classes"/> outputs: 8 rows at a time into a 256-bit vector per class by permutes, the
    /// argmax in lanes with <see cref="ArgMax"/>'s comparisons (the same <c>&gt;</c> against the best so far, so the
    /// same index for ties, signed zeros and NaNs), and the labels converted as <c>(int)</c> converts one (saturating,
    /// NaN to 0). On Iris's 3 classes this replaces three dependent selects and a conversion per sample.
    /// </summary>
    private static int RightInLanes(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count, int classes)
    {
        const int Lanes = Generated.SampleLanes.Half;
        Span<Vector256<float>> buffer = stackalloc Vector256<float>[classes];
        ref Vector256<float> lanes = ref MemoryMarshal.GetReference(buffer);
        ref float p0 = ref MemoryMarshal.GetReference(predictions);
        ref float t0 = ref MemoryMarshal.GetReference(targets);
        int right = 0;
        for (int k = 0; k < count; k += Lanes)
        {
            Generated.SampleLanes.BlockToLanes256(ref Unsafe.Add(ref p0, (nint)k * classes), classes, ref lanes);
            Vector256<float> max = lanes;
            Vector256<int> best = Vector256<int>.Zero;
            for (int c = 1; c < classes; c++)
            {
                Vector256<float> value = Unsafe.Add(ref lanes, c);
                Vector256<float> greater = Vector256.GreaterThan(value, max);
                max = Vector256.ConditionalSelect(greater, value, max);
                best = Vector256.ConditionalSelect(greater.AsInt32(), Vector256.Create(c), best);
            }

            Vector256<int> labels = Vector256.ConvertToInt32(Vector256.LoadUnsafe(ref t0, (nuint)k));
            right += BitOperations.PopCount(Vector256.Equals(best, labels).ExtractMostSignificantBits());
        }

        return right;
    }

    private static float Binary(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target)
    {
        int right = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            if (prediction[i] > 0.5f == target[i] > 0.5f)
            {
                right++;
            }
        }

        return (float)right / prediction.Length;
    }
}
