namespace StaticNet;

/// <summary>What <see cref="Interpretation.PermutationImportance"/> measured, per feature.</summary>
/// <param name="FeatureNames">The features' names (the dataset's, or <c>feature_0</c> …).</param>
/// <param name="Baseline">The score on the data as it is.</param>
/// <param name="Mean">Per feature, the mean drop in score over the repeats (scikit-learn's <c>importances_mean</c>).</param>
/// <param name="StandardDeviation">Per feature, the drops' standard deviation (population, as numpy's <c>std</c>: <c>importances_std</c>).</param>
/// <param name="Drops">Per feature, the drop of each repeat (<c>importances</c>).</param>
public sealed record PermutationImportanceResult(
    IReadOnlyList<string> FeatureNames,
    double Baseline,
    IReadOnlyList<double> Mean,
    IReadOnlyList<double> StandardDeviation,
    IReadOnlyList<IReadOnlyList<double>> Drops)
{
    /// <summary>Feature indices from the most to the least important (by mean drop).</summary>
    public IReadOnlyList<int> Ranking => Enumerable.Range(0, Mean.Count).OrderByDescending(f => Mean[f]).ToArray();

    /// <summary>A table: each feature, most important first, with its mean drop ± standard deviation.</summary>
    public override string ToString()
    {
        int width = Math.Max(7, FeatureNames.Max(n => n.Length));
        var lines = new List<string> { $"{"feature".PadRight(width)}  importance" };
        lines.AddRange(Ranking.Select(f => FormattableString.Invariant($"{FeatureNames[f].PadRight(width)}  {Mean[f],8:F4} ± {StandardDeviation[f]:F4}")));
        return string.Join(Environment.NewLine, lines);
    }
}

public static partial class Interpretation
{
    /// <summary>
    /// Permutation feature importance with scikit-learn's <c>permutation_importance</c> semantics: for each feature and
    /// each of <paramref name="repeats"/> rounds, that feature's column is shuffled (each round shuffling the previous
    /// round's order again, as scikit-learn does) and the score recomputed; the importance is the baseline score minus
    /// the permuted one. Model-agnostic and computed on held-out data it answers "what does the model rely on".
    /// </summary>
    /// <param name="network">A trained network.</param>
    /// <param name="data">The data to score on (ideally held out).</param>
    /// <param name="scoring">Higher-is-better score of the network on a dataset; by default accuracy for a classifier, R² for a regression (scikit-learn's <c>estimator.score</c>).</param>
    /// <param name="repeats">Shuffles per feature.</param>
    /// <param name="seed">Seeds the shuffles (each feature its own stream): the same seed gives the same result.</param>
    public static PermutationImportanceResult PermutationImportance(
        this INetwork network, Dataset data, Func<INetwork, Dataset, double>? scoring = null, int repeats = 5, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        return PermutationImportanceWith(network, data, scoring, repeats, (feature, order) =>
        {
            var random = new SeededRandom(SeededRandom.StreamSeed(seed, feature));
            return () => random.Shuffle(order.AsSpan());
        });
    }

    /// <summary>
    /// The computation with the shuffles supplied: <paramref name="shuffler"/>(feature, order) returns the action that
    /// shuffles the row order in place before each repeat (tests replay scikit-learn's own permutations through it).
    /// </summary>
    internal static PermutationImportanceResult PermutationImportanceWith(
        INetwork network, Dataset data, Func<INetwork, Dataset, double>? scoring, int repeats, Func<int, int[], Action> shuffler)
    {
        scoring ??= DefaultScore;
        double baseline = scoring(network, data);
        int n = data.Count, features = data.FeatureCount;
        float[] original = data.Features.ToArray();
        var means = new double[features];
        var deviations = new double[features];
        var drops = new IReadOnlyList<double>[features];
        for (int f = 0; f < features; f++)
        {
            float[] permuted = (float[])original.Clone();
            var order = Enumerable.Range(0, n).ToArray();     // the shuffle scikit-learn applies to the current column
            var source = Enumerable.Range(0, n).ToArray();    // which original row each position holds now
            var next = new int[n];
            Action shuffle = shuffler(f, order);
            var featureDrops = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                shuffle();
                for (int i = 0; i < n; i++)
                {
                    next[i] = source[order[i]];
                }

                (source, next) = (next, source);
                for (int i = 0; i < n; i++)
                {
                    permuted[i * features + f] = original[source[i] * features + f];
                }

                featureDrops[r] = baseline - scoring(network, data.WithFeatures((float[])permuted.Clone()));
            }

            drops[f] = featureDrops;
            (means[f], deviations[f]) = Statistics.MeanAndDeviation(featureDrops);
        }

        IReadOnlyList<string> names = data.FeatureNames ?? Enumerable.Range(0, features).Select(f => $"feature_{f}").ToArray();
        return new PermutationImportanceResult(names, baseline, means, deviations, drops);
    }

    /// <summary>scikit-learn's <c>estimator.score</c>: accuracy for a classifier, R² for a regression.</summary>
    private static double DefaultScore(INetwork network, Dataset data)
    {
        if (Accuracy.IsDefinedFor(network.Loss))
        {
            return network.Evaluate(data).Accuracy!.Value;
        }

        return RegressionMetrics.R2Score(data.Targets, network.Predict(data), network.OutputSize);
    }
}
