namespace StaticNet;

/// <summary>
/// Classification metrics on labels and scores, with scikit-learn's definitions (<c>sklearn.metrics</c>): for scoring
/// predictions made anywhere. <c>Fit</c> and <c>Evaluate</c> take the same metrics as <see cref="Metric"/> objects.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// The area under the ROC curve of a binary problem (<c>roc_auc_score</c>): the probability that a random positive
    /// scores above a random negative, ties counting one half.
    /// </summary>
    /// <param name="actual">0 or 1 per sample.</param>
    /// <param name="scores">The score of the positive class per sample (a probability or any monotone score).</param>
    /// <exception cref="ArgumentException">Only one class is present (the area is undefined), or a label is not 0 or 1.</exception>
    public static double RocAuc(ReadOnlySpan<int> actual, ReadOnlySpan<float> scores)
    {
        if (actual.Length != scores.Length)
        {
            throw new ArgumentException($"{actual.Length} labels but {scores.Length} scores.", nameof(scores));
        }

        // Mann–Whitney: rank the scores (ties share their mean rank), sum the positives' ranks.
        int n = actual.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            if (actual[i] is not (0 or 1))
            {
                throw new ArgumentException($"Sample {i} has the label {actual[i]}; ROC AUC takes 0 or 1.", nameof(actual));
            }

            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Sample {i} has a NaN score.", nameof(scores));
            }
        }

        float[] sorted = scores.ToArray();
        Array.Sort(sorted, order);
        double positiveRanks = 0;
        long positives = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && sorted[end + 1] == sorted[start])
            {
                end++;
            }

            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
            {
                if (actual[order[k]] == 1)
                {
                    positiveRanks += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("Only one class is present in the labels: ROC AUC is not defined.", nameof(actual));
        }

        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// The fraction of samples whose true class is among the <paramref name="k"/> highest scores (<c>top_k_accuracy_score</c>;
    /// among equal scores the higher class index ranks first, as scikit-learn's stable sort reversed).
    /// </summary>
    /// <param name="actual">The class index per sample.</param>
    /// <param name="scores">Samples × <paramref name="classes"/> scores, row-major.</param>
    /// <param name="classes">Scores per sample.</param>
    /// <param name="k">How many of the top classes count.</param>
    public static double TopKAccuracy(ReadOnlySpan<int> actual, ReadOnlySpan<float> scores, int classes, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (scores.Length != actual.Length * classes)
        {
            throw new ArgumentException($"{scores.Length} scores for {actual.Length} samples of {classes} classes.", nameof(scores));
        }

        int hits = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            hits += InTopK(scores.Slice(i * classes, classes), actual[i], k, sample: i) ? 1 : 0;
        }

        return actual.IsEmpty ? 0 : (double)hits / actual.Length;
    }

    /// <summary>Whether class <paramref name="label"/> is among the <paramref name="k"/> highest of <paramref name="scores"/>.</summary>
    internal static bool InTopK(ReadOnlySpan<float> scores, int label, int k, int sample = -1)
    {
        if ((uint)label >= (uint)scores.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"A class index must be in 0..{scores.Length - 1}.");
        }

        // A NaN compares false with everything, so it would rank behind no class and count as a hit.
        if (HasNaN(scores))
        {
            throw new ArgumentException(
                sample >= 0 ? $"Sample {sample} has a NaN score." : "A sample has a NaN score: the network's outputs are not finite.", nameof(scores));
        }

        float own = scores[label];
        int ahead = 0;
        for (int j = 0; j < scores.Length; j++)
        {
            if (scores[j] > own || (scores[j] == own && j > label))
            {
                ahead++;
            }
        }

        return ahead < k;
    }

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (float.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }
}
