namespace StaticNet;

/// <summary>Summaries of repeated measurements (folds, permutation repeats).</summary>
internal static class Statistics
{
    /// <summary>
    /// The mean and the population standard deviation (divided by the count, as numpy's <c>std</c> and scikit-learn's
    /// <c>std_test_score</c> and <c>importances_std</c>).
    /// </summary>
    public static (double Mean, double StandardDeviation) MeanAndDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count));
    }
}
