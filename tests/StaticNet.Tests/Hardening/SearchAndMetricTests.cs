using StaticNet.Tests.Networks;
using StaticNet.Tests.Training;

namespace StaticNet.Tests.Hardening;

/// <summary>A grid search keeps its healthy settings when one diverges; metrics refuse values that would make them NaN or wrong.</summary>
public class SearchAndMetricTests
{
    [Fact]
    public void A_diverging_setting_is_reported_failed_and_ranked_last_while_the_others_are_ranked()
    {
        IReadOnlyList<CrossValidationResult> results = GridSearch.Search(
            seed => new IrisNet(seed), TestData.Iris(), optimizers: ["sgd"], learningRates: [1e12f, 0.05f, 0.01f], batchSizes: [16], epochs: [3], folds: 3, seed: 1, standardize: true);
        Assert.Equal(3, results.Count);
        Assert.False(results[0].Failed);
        Assert.False(results[1].Failed);
        Assert.True(results[0].Mean >= results[1].Mean);

        CrossValidationResult diverged = results[2];
        Assert.Equal(1e12f, diverged.Settings.LearningRate);
        Assert.True(diverged.Failed);
        Assert.Equal(3, diverged.FoldErrors.Count);
        Assert.All(diverged.FoldErrors.Where(e => e is not null), e => Assert.Contains("epoch", e, StringComparison.Ordinal));
        Assert.True(double.IsNaN(diverged.Mean));
        Assert.All(diverged.Scores.Where((_, f) => diverged.FoldErrors[f] is not null), s => Assert.True(double.IsNaN(s)));
        Assert.Contains("failed on", GridSearch.Table(results), StringComparison.Ordinal);
    }

    [Fact]
    public void A_factory_that_returns_null_or_the_wrong_network_gets_a_direct_message_before_training()
    {
        var none = Assert.Throws<ArgumentException>(() => GridSearch.Search(_ => null!, TestData.Iris(), ["adam"], [0.01f], [32], [1], folds: 3));
        Assert.Contains("createNetwork returned null for seed 0", none.Message, StringComparison.Ordinal);

        var wrong = Assert.Throws<ArgumentException>(() => GridSearch.CrossValidate(seed => new XorNet(seed), TestData.Iris(), new TrainingSettings("adam", 0.01f, 32, 1), folds: 3));
        Assert.Equal("data", wrong.ParamName);
        Assert.Contains("XorNet", wrong.Message, StringComparison.Ordinal);

        // A factory that fails only for some seeds: its own exception, not an AggregateException.
        var some = Assert.Throws<InvalidOperationException>(() => GridSearch.CrossValidate(seed => seed == 0 ? new IrisNet(seed) : null!, TestData.Iris(), new TrainingSettings("adam", 0.01f, 32, 1), folds: 3));
        Assert.Contains("createNetwork returned null for seed", some.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_scoring_name_fails_before_any_network_trains()
    {
        int made = 0;
        var error = Assert.Throws<ArgumentException>(() => GridSearch.Search(
            seed => { Interlocked.Increment(ref made); return new IrisNet(seed); }, TestData.Iris(), ["adam"], [0.01f, 0.001f], [32], [5], folds: 3, scoring: "f1"));
        Assert.Equal("scoring", error.ParamName);
        Assert.Contains("The folds will be evaluated as loss, accuracy; there is no 'f1' to score by.", error.Message, StringComparison.Ordinal);
        Assert.True(made <= 2, $"{made} networks made"); // the probes, no folds
    }

    [Fact]
    public void Regression_metrics_refuse_a_non_finite_prediction_or_target_naming_the_sample()
    {
        float[] actual = [1, 2, 3], predicted = [1, float.NaN, 3];
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError(actual, predicted));
        Assert.Equal("predicted", error.ParamName);
        Assert.Contains("Sample 1 has a NaN prediction.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sample 0, output 1, has a non-finite target.", Assert.Throws<ArgumentException>(() => RegressionMetrics.R2Score([1, float.PositiveInfinity, 3, 4], [1, 2, 3, 4], outputs: 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.RootMeanSquaredError(actual, [1, 2, float.NegativeInfinity]));
    }

    [Fact]
    public void Top_k_accuracy_does_not_count_a_nan_score_as_a_hit()
    {
        // Without the check, sample 0's NaN own score would rank behind no class and count as a hit.
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.TopKAccuracy([0, 1], [float.NaN, 0.5f, 0.2f, 0.1f, 0.8f, 0.1f], classes: 3, k: 1));
        Assert.Contains("Sample 0 has a NaN score.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, ClassificationMetrics.TopKAccuracy([0, 1], [0.2f, 0.5f, 0.3f, 0.1f, 0.8f, 0.1f], classes: 3, k: 1));
    }

    [Fact]
    public void A_classification_report_of_no_samples_says_so_and_many_digits_print()
    {
        var empty = new ConfusionMatrix(3);
        Assert.Contains("holds no samples", Assert.Throws<InvalidOperationException>(() => empty.ClassificationReport()).Message, StringComparison.Ordinal);

        var matrix = new ConfusionMatrix([0, 1, 1, 0], [0, 1, 0, 0], 2);
        string report = matrix.ClassificationReport(digits: 40);
        Assert.Contains("0.6666666666666666296592325124947819858789", report, StringComparison.Ordinal); // Python prints the double's exact digits too
        Assert.Contains("0.75", matrix.ClassificationReport(digits: 2), StringComparison.Ordinal);
    }
}
