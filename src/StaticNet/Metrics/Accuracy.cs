using System.Runtime.CompilerServices;

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

    /// <summary>The index of the largest value (the first, on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
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
