namespace StaticNet;

/// <summary>
/// Stratified k-fold splits (scikit-learn's <c>StratifiedKFold</c> idea): every fold holds each class in close to the
/// proportion of the whole. The samples of each class are shuffled (seeded), laid out class after class, and dealt to
/// the folds in turn, so fold sizes differ by at most one and so do each class's counts across folds. A regression
/// dataset (no classes) gets plain shuffled k-fold.
/// </summary>
public static class StratifiedKFold
{
    /// <summary>The <paramref name="folds"/> (train, test) index pairs: each sample is in exactly one test part.</summary>
    /// <exception cref="ArgumentException">Fewer samples than folds, or, for a classification dataset, a class with fewer samples than folds (the message names it).</exception>
    public static IReadOnlyList<(int[] Train, int[] Test)> Split(Dataset data, int folds = 5, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (data.Count < folds)
        {
            throw new ArgumentException($"{folds} folds need at least {folds} samples; the dataset has {data.Count}.", nameof(data));
        }

        var random = new SeededRandom(seed);
        var order = new List<int>(data.Count);
        if (data.ClassCount is int classes && data.TargetSize == 1)
        {
            for (int c = 0; c < classes; c++)
            {
                int[] members = Enumerable.Range(0, data.Count).Where(i => data.LabelOf(i) == c).ToArray();
                if (members.Length is > 0 && members.Length < folds)
                {
                    throw new ArgumentException($"Class {c} has {members.Length} samples, fewer than the {folds} folds: each fold could not hold one.", nameof(data));
                }

                random.Shuffle(members.AsSpan());
                order.AddRange(members);
            }
        }
        else
        {
            int[] all = Enumerable.Range(0, data.Count).ToArray();
            random.Shuffle(all.AsSpan());
            order.AddRange(all);
        }

        var tests = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        for (int position = 0; position < order.Count; position++)
        {
            tests[position % folds].Add(order[position]);
        }

        return tests.Select(test =>
        {
            int[] testRows = test.Order().ToArray();
            var inTest = new HashSet<int>(testRows);
            int[] trainRows = Enumerable.Range(0, data.Count).Where(i => !inTest.Contains(i)).ToArray();
            return (trainRows, testRows);
        }).ToArray();
    }
}
