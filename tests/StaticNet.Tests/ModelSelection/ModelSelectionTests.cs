using StaticNet.Tests.Networks;

namespace StaticNet.Tests.ModelSelection;

public class ModelSelectionTests
{
    [Fact]
    public void Stratified_folds_partition_the_samples_and_keep_class_proportions()
    {
        Dataset iris = TestData.Iris().Select(Enumerable.Range(0, 140).ToArray()); // 50, 50, 40
        IReadOnlyList<(int[] Train, int[] Test)> folds = StratifiedKFold.Split(iris, folds: 4, seed: 7);
        Assert.Equal(4, folds.Count);
        Assert.Equal(Enumerable.Range(0, 140), folds.SelectMany(f => f.Test).Order());
        foreach ((int[] train, int[] test) in folds)
        {
            Assert.Equal(140, train.Length + test.Length);
            Assert.Empty(train.Intersect(test));
            Assert.InRange(test.Length, 35, 35);
            for (int c = 0; c < 3; c++)
            {
                int count = test.Count(i => iris.LabelOf(i) == c);
                Assert.InRange(count, c == 2 ? 10 : 12, c == 2 ? 10 : 13);
            }
        }

        Assert.Equal(folds.Select(f => f.Test), StratifiedKFold.Split(iris, folds: 4, seed: 7).Select(f => f.Test));
        Assert.NotEqual(folds[0].Test, StratifiedKFold.Split(iris, folds: 4, seed: 8)[0].Test);
    }

    [Fact]
    public void A_class_smaller_than_the_fold_count_is_refused_by_name()
    {
        Dataset tiny = TestData.Iris().Select([0, 1, 2, 3, 4, 50, 51, 100]);
        Assert.Contains("Class 1 has 2 samples, fewer than the 3 folds", Assert.Throws<ArgumentException>(() => StratifiedKFold.Split(tiny, folds: 3)).Message);
    }

    [Fact]
    public void Cross_validation_is_each_fold_trained_alone_and_the_same_bits_on_any_number_of_threads()
    {
        Dataset iris = TestData.Iris();
        var settings = new TrainingSettings("adam", 0.01f, 16, 15);
        CrossValidationResult one = GridSearch.CrossValidate(seed => new IrisNet(seed), iris, settings, folds: 3, seed: 5, standardize: true, degreeOfParallelism: 1);
        CrossValidationResult two = GridSearch.CrossValidate(seed => new IrisNet(seed), iris, settings, folds: 3, seed: 5, standardize: true, degreeOfParallelism: 2);
        Assert.Equal(one.Scores, two.Scores);

        // Fold 0 by hand: its split, a scaler fitted on its training part, a network and shuffling seeded as documented.
        (int[] train, int[] test) = StratifiedKFold.Split(iris, 3, seed: 5)[0];
        var scaler = StandardScaler.Fit(iris.Select(train));
        int jobSeed = (int)(SeededRandom.StreamSeed(5, 0) & int.MaxValue);
        var network = new IrisNet(jobSeed);
        network.Fit(scaler.Transform(iris.Select(train)), 15, 16, new Adam(0.01f), seed: jobSeed);
        Assert.Equal(network.Evaluate(scaler.Transform(iris.Select(test))).Accuracy, one.Scores[0]);
        Assert.Equal(one.Scores.Average(), one.Mean, 12);
        Assert.InRange(one.Mean, 0.85, 1.0);
    }

    [Fact]
    public void A_search_over_architectures_crosses_each_network_with_each_setting_and_pairs_their_seeds()
    {
        Dataset iris = TestData.Iris();
        Architecture relu = new("ReLU 10-10", seed => new IrisNet(seed));
        Architecture tanh = new("tanh 10-10", seed => new IrisTanhNet(seed));
        Architecture unrolled = new("ReLU 10-10 unrolled", seed => new UnrolledIrisNet(seed));
        IReadOnlyList<CrossValidationResult> results = GridSearch.Search(
            [relu, tanh, unrolled], iris, ["adam"], [0.01f, 0.001f], [16], [10], folds: 3, seed: 9, standardize: true, degreeOfParallelism: 2);

        Assert.Equal(6, results.Count);
        Assert.Equal(3, results.Select(r => r.Architecture).Distinct().Count());
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Mean >= p.Second.Mean), "best first");

        // Each result is what cross-validating its own network with its own setting gives, fold seeds and all: the same
        // network declared with another code strategy scores the same on every fold.
        CrossValidationResult tanhFast = results.Single(r => r.Architecture == tanh && r.Settings.LearningRate == 0.01f);
        CrossValidationResult alone = GridSearch.CrossValidate(tanh.Create, iris, tanhFast.Settings, folds: 3, seed: 9, standardize: true);
        Assert.Equal(alone.Scores, tanhFast.Scores);
        Assert.Equal(
            results.Single(r => r.Architecture == relu && r.Settings.LearningRate == 0.01f).Scores.Select(a => Math.Round(a, 6)),
            results.Single(r => r.Architecture == unrolled && r.Settings.LearningRate == 0.01f).Scores.Select(a => Math.Round(a, 6)));

        string table = GridSearch.Table(results);
        Assert.StartsWith("rank  architecture         optimizer", table, StringComparison.Ordinal);
        Assert.Contains("  tanh 10-10           adam ", table, StringComparison.Ordinal);
        Assert.DoesNotContain("architecture", GridSearch.Table(GridSearch.Search(seed => new IrisNet(seed), iris, ["adam"], [0.01f], [16], [2], folds: 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_over_architectures_refuses_what_cannot_be_compared_before_training()
    {
        Dataset iris = TestData.Iris();
        Architecture iris3 = new("iris", seed => new IrisNet(seed));
        string duplicate = Assert.Throws<ArgumentException>(() => GridSearch.Search([iris3, iris3 with { }], iris, ["adam"], [0.01f], [16], [1])).Message;
        Assert.Contains("Two architectures are named 'iris'", duplicate, StringComparison.Ordinal);

        string wrongInput = Assert.Throws<ArgumentException>(() => GridSearch.Search(
            [iris3, new Architecture("sensor", seed => new StaticNet.Tests.Runtime.QuietSensorNet(seed))], iris, ["adam"], [0.01f], [16], [1])).Message;
        Assert.StartsWith("Architecture 'sensor': ", wrongInput, StringComparison.Ordinal);

        string otherLoss = Assert.Throws<ArgumentException>(() => GridSearch.Search(
            [iris3, new Architecture("one-hot", seed => new IrisOneHotNet(seed))], TestData.Iris(), ["adam"], [0.01f], [16], [1])).Message;
        Assert.Contains("Architecture 'one-hot'", otherLoss, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => GridSearch.Search(Array.Empty<Architecture>(), iris, ["adam"], [0.01f], [16], [1]));
        Assert.Throws<ArgumentNullException>(() => GridSearch.Search([iris3, null!], iris, ["adam"], [0.01f], [16], [1]));
    }

    [Fact]
    public void Grid_search_tries_every_combination_and_ranks_them_best_first()
    {
        Dataset iris = TestData.Iris();
        IReadOnlyList<CrossValidationResult> results = GridSearch.Search(
            seed => new IrisNet(seed), iris, optimizers: ["adam", "sgd"], learningRates: [0.01f, 0.0001f], batchSizes: [32], epochs: [10],
            folds: 3, seed: 1, standardize: true, metrics: () => [new F1Score(Average.Macro)]);
        Assert.Equal(4, results.Count);
        Assert.Equal(4, results.Select(r => r.Settings).Distinct().Count());
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Mean >= p.Second.Mean));
        Assert.Equal(new TrainingSettings("adam", 0.01f, 32, 10), results[0].Settings); // a rate of 1e-4 barely moves in 10 epochs
        Assert.True(results[0].Metrics.ContainsKey("f1_score"));
        string table = GridSearch.Table(results);
        Assert.StartsWith("rank  optimizer", table, StringComparison.Ordinal);
        Assert.Contains("   1  adam", table);
        Assert.Equal(5, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Grid_search_ranks_a_loss_lowest_first_and_refuses_unknown_settings_before_training()
    {
        Dataset iris = TestData.Iris();
        IReadOnlyList<CrossValidationResult> byLoss = GridSearch.Search(
            seed => new IrisNet(seed), iris, ["adam"], [0.01f, 0.001f], [32], [5], folds: 3, scoring: "loss", standardize: true);
        Assert.True(byLoss[0].Mean <= byLoss[1].Mean);
        Assert.Contains("Unknown optimizer 'adadelta': use one of \"adam\", \"adamw\", \"nadam\", \"adamax\", \"rmsprop\", \"adagrad\", \"sgd\"", Assert.Throws<ArgumentException>(() => GridSearch.Search(seed => new IrisNet(seed), iris, ["adadelta"], [0.01f], [32], [5])).Message);
        Assert.Contains("'val_auc'", Assert.Throws<ArgumentException>(() => GridSearch.CrossValidate(seed => new IrisNet(seed), iris, new TrainingSettings("adam", 0.01f, 32, 1), folds: 3, scoring: "val_auc")).Message);
    }
}
