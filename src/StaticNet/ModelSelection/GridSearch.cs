using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>One training configuration a grid search tries.</summary>
/// <param name="Optimizer">"adam" or "sgd" (Keras's names).</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="Epochs">Passes over the training folds.</param>
public sealed record TrainingSettings(string Optimizer, float LearningRate, int BatchSize, int Epochs)
{
    /// <summary>A new optimizer of this kind and rate.</summary>
    public IOptimizer CreateOptimizer() => Optimizer.ToLowerInvariant() switch
    {
        "adam" => new Adam(LearningRate),
        "sgd" => new Sgd(LearningRate),
        _ => throw new ArgumentException($"Unknown optimizer '{Optimizer}': use \"adam\" or \"sgd\".", nameof(Optimizer)),
    };

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Optimizer} lr={LearningRate:G4} batch={BatchSize} epochs={Epochs}");
}

/// <summary>How one setting scored over the folds.</summary>
/// <param name="Settings">The configuration.</param>
/// <param name="Scores">The score on each fold's held-out part.</param>
/// <param name="Metrics">Every evaluated value (loss, accuracy, metrics) as its mean and standard deviation over the folds.</param>
public sealed record CrossValidationResult(TrainingSettings Settings, IReadOnlyList<double> Scores, IReadOnlyDictionary<string, (double Mean, double StandardDeviation)> Metrics)
{
    /// <summary>The mean score over the folds.</summary>
    public double Mean => Statistics.MeanAndDeviation(Scores).Mean;

    /// <summary>The scores' standard deviation (population, as scikit-learn's <c>std_test_score</c>).</summary>
    public double StandardDeviation => Statistics.MeanAndDeviation(Scores).StandardDeviation;
}

/// <summary>
/// Model selection, as scikit-learn's <c>cross_val_score</c> and <c>GridSearchCV</c>: stratified k-fold cross-validation of
/// one training configuration, and a grid search over optimizer, learning rate, batch size and epochs. Every (setting,
/// fold) pair trains its own freshly initialised network, in parallel on all cores — independent models scale with cores
/// where splitting one small batch across threads does not — and the result depends only on the seed, not on the
/// scheduling: each pair's initialisation and shuffling seeds come from its fold and the seed.
/// </summary>
public static class GridSearch
{
    /// <summary>Cross-validates one configuration.</summary>
    /// <param name="createNetwork">Makes an untrained network from a seed (<c>seed => new WineNet(seed)</c>).</param>
    /// <param name="data">All the data; each fold trains on the rest.</param>
    /// <param name="settings">The configuration.</param>
    /// <param name="folds">The number of folds.</param>
    /// <param name="seed">Seeds the folds, the initialisations and the shuffling.</param>
    /// <param name="scoring">The evaluated value to rank by: <c>accuracy</c> (the default for a classifier), <c>loss</c> (the default for a regression; lower is better), or a metric's name.</param>
    /// <param name="metrics">Metrics to evaluate on each held-out fold.</param>
    /// <param name="standardize">Whether to fit a <see cref="StandardScaler"/> on each training part and scale both parts with it (no information leaks from the held-out part).</param>
    /// <param name="degreeOfParallelism">Models trained at once (default: one per core).</param>
    public static CrossValidationResult CrossValidate(
        Func<int, INetwork> createNetwork,
        Dataset data,
        TrainingSettings settings,
        int folds = 5,
        int seed = 0,
        string? scoring = null,
        Func<IReadOnlyList<Metric>>? metrics = null,
        bool standardize = false,
        int degreeOfParallelism = -1) =>
        Run(createNetwork, data, [settings], folds, seed, scoring, metrics, standardize, degreeOfParallelism)[0];

    /// <summary>
    /// Cross-validates every combination of the given optimizers, learning rates, batch sizes and epochs, and returns them
    /// best first (by mean score; the order of the grid on ties).
    /// </summary>
    /// <inheritdoc cref="CrossValidate"/>
    public static IReadOnlyList<CrossValidationResult> Search(
        Func<int, INetwork> createNetwork,
        Dataset data,
        IEnumerable<string> optimizers,
        IEnumerable<float> learningRates,
        IEnumerable<int> batchSizes,
        IEnumerable<int> epochs,
        int folds = 5,
        int seed = 0,
        string? scoring = null,
        Func<IReadOnlyList<Metric>>? metrics = null,
        bool standardize = false,
        int degreeOfParallelism = -1)
    {
        TrainingSettings[] grid =
        [
            .. from optimizer in optimizers
               from rate in learningRates
               from batch in batchSizes
               from epoch in epochs
               select new TrainingSettings(optimizer, rate, batch, epoch),
        ];
        if (grid.Length == 0)
        {
            throw new ArgumentException("The grid is empty: give at least one value of each setting.");
        }

        ArgumentNullException.ThrowIfNull(createNetwork);
        scoring ??= DefaultScoring(createNetwork(seed));
        CrossValidationResult[] results = Run(createNetwork, data, grid, folds, seed, scoring, metrics, standardize, degreeOfParallelism);
        bool higher = HigherIsBetter(scoring, metrics);
        return results.Select((r, i) => (r, i)).OrderBy(p => higher ? -p.r.Mean : p.r.Mean).ThenBy(p => p.i).Select(p => p.r).ToArray();
    }

    /// <summary>The results as a table: one row per setting, the score's mean ± standard deviation, best first as given.</summary>
    public static string Table(IReadOnlyList<CrossValidationResult> results, string? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        scoring ??= results.Count > 0 && results[0].Metrics.ContainsKey("accuracy") ? "accuracy" : "loss";
        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {"optimizer",-9} {"learning rate",13} {"batch",5} {"epochs",6}  {scoring + " (mean ± std)",-24}"));
        for (int i = 0; i < results.Count; i++)
        {
            CrossValidationResult r = results[i];
            (double mean, double std) = r.Metrics[scoring];
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {r.Settings.Optimizer,-9} {r.Settings.LearningRate,13:G4} {r.Settings.BatchSize,5} {r.Settings.Epochs,6}  {mean:F4} ± {std:F4}"));
        }

        return table.ToString();
    }

    private static CrossValidationResult[] Run(
        Func<int, INetwork> createNetwork, Dataset data, TrainingSettings[] grid, int folds, int seed, string? scoring,
        Func<IReadOnlyList<Metric>>? metrics, bool standardize, int degreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(createNetwork);
        ArgumentNullException.ThrowIfNull(data);
        foreach (TrainingSettings settings in grid)
        {
            ArgumentNullException.ThrowIfNull(settings);
            settings.CreateOptimizer(); // an unknown optimizer or a bad rate fails before any training
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.BatchSize);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Epochs);
        }

        IReadOnlyList<(int[] Train, int[] Test)> splits = StratifiedKFold.Split(data, folds, seed);
        var parts = new (Dataset Train, Dataset Test)[folds];
        for (int f = 0; f < folds; f++)
        {
            Dataset train = data.Select(splits[f].Train), test = data.Select(splits[f].Test);
            if (standardize)
            {
                var scaler = StandardScaler.Fit(train);
                (train, test) = (scaler.Transform(train), scaler.Transform(test));
            }

            parts[f] = (train, test);
        }

        scoring ??= DefaultScoring(createNetwork(seed));
        var evaluations = new Evaluation[grid.Length, folds];
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        Parallel.For(0, grid.Length * folds, options, job =>
        {
            int g = job / folds, f = job % folds;
            TrainingSettings settings = grid[g];
            int jobSeed = (int)(SeededRandom.StreamSeed(seed, f) & int.MaxValue); // the same per fold for every setting: a paired comparison
            INetwork network = createNetwork(jobSeed);
            network.Fit(parts[f].Train, settings.Epochs, settings.BatchSize, settings.CreateOptimizer(), seed: jobSeed, verbose: 0);
            evaluations[g, f] = network.Evaluate(parts[f].Test, metrics?.Invoke() ?? []);
        });

        var results = new CrossValidationResult[grid.Length];
        for (int g = 0; g < grid.Length; g++)
        {
            Evaluation[] row = Enumerable.Range(0, folds).Select(f => evaluations[g, f]).ToArray();
            if (!row[0].Metrics.ContainsKey(scoring))
            {
                throw new ArgumentException($"The folds were evaluated as {string.Join(", ", row[0].Metrics.Keys)}; there is no '{scoring}' to score by.", nameof(scoring));
            }

            var summary = row[0].Metrics.Keys.ToDictionary(key => key, key => Statistics.MeanAndDeviation(row.Select(e => e[key]).ToArray()));
            results[g] = new CrossValidationResult(grid[g], row.Select(e => e[scoring]).ToArray(), summary);
        }

        return results;
    }

    private static string DefaultScoring(INetwork network) => Accuracy.IsDefinedFor(network.Loss) ? "accuracy" : "loss";

    private static bool HigherIsBetter(string scoring, Func<IReadOnlyList<Metric>>? metrics) =>
        Metric.IsHigherBetter(scoring, metrics?.Invoke() ?? []) ?? true;
}
