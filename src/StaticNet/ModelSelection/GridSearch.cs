using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>One training configuration a grid search tries.</summary>
/// <param name="Optimizer">Keras's name for the optimizer, with Keras's defaults apart from the rate: "adam", "adamw", "nadam", "adamax", "rmsprop", "adagrad" or "sgd".</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="Epochs">Passes over the training folds.</param>
public sealed record TrainingSettings(string Optimizer, float LearningRate, int BatchSize, int Epochs)
{
    /// <summary>A new optimizer of this kind and rate.</summary>
    public IOptimizer CreateOptimizer() => Optimizer.ToLowerInvariant() switch
    {
        "adam" => new Adam(LearningRate),
        "adamw" => new AdamW(LearningRate),
        "nadam" => new Nadam(LearningRate),
        "adamax" => new Adamax(LearningRate),
        "rmsprop" => new RmsProp(LearningRate),
        "adagrad" => new Adagrad(LearningRate),
        "sgd" => new Sgd(LearningRate),
        _ => throw new ArgumentException($"Unknown optimizer '{Optimizer}': use one of {string.Join(", ", OptimizerNames.Select(n => $"\"{n}\""))}.", nameof(Optimizer)),
    };

    /// <summary>The optimizer names <see cref="CreateOptimizer"/> knows (Keras's, lower case; matched ignoring case).</summary>
    public static IReadOnlyList<string> OptimizerNames { get; } = ["adam", "adamw", "nadam", "adamax", "rmsprop", "adagrad", "sgd"];

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Optimizer} lr={LearningRate:G4} batch={BatchSize} epochs={Epochs}");
}

/// <summary>
/// One network a search tries, as Keras Tuner users compare them: a name for the table and a factory that makes it
/// untrained from a seed (<c>new("16 ReLU", seed => new WineNet(seed))</c>). Every factory of one search must take the same
/// data and be trained on the same loss.
/// </summary>
/// <param name="Name">How the table and the results name it.</param>
/// <param name="Create">Makes an untrained network from a seed.</param>
public sealed record Architecture(string Name, Func<int, INetwork> Create)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>How one setting scored over the folds.</summary>
/// <param name="Settings">The configuration.</param>
/// <param name="Scores">The score on each fold's held-out part (NaN where the fold failed, as scikit-learn's <c>error_score=np.nan</c>).</param>
/// <param name="Metrics">Every evaluated value (loss, accuracy, metrics) as its mean and standard deviation over the folds (NaN where a fold failed).</param>
public sealed record CrossValidationResult(TrainingSettings Settings, IReadOnlyList<double> Scores, IReadOnlyDictionary<string, (double Mean, double StandardDeviation)> Metrics)
{
    /// <summary>Why each fold failed (training diverged to a non-finite loss), or null where it trained.</summary>
    public IReadOnlyList<string?> FoldErrors { get; init; } = [];

    /// <summary>The network this result trained, in a search over architectures; null in a search over one factory.</summary>
    public Architecture? Architecture { get; init; }

    /// <summary>Whether any fold failed; a failed setting ranks after every other.</summary>
    public bool Failed => FoldErrors.Any(e => e is not null);

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
        Run([(null, createNetwork, settings)], data, folds, seed, ref scoring, metrics, standardize, degreeOfParallelism)[0];

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
        ArgumentNullException.ThrowIfNull(createNetwork);
        return Rank([(null, createNetwork)], data, Settings(optimizers, learningRates, batchSizes, epochs), folds, seed, scoring, metrics, standardize, degreeOfParallelism);
    }

    /// <summary>
    /// Cross-validates every combination of the given networks (widths, depths, regularisation: Keras Tuner's search over
    /// architectures) with the given optimizers, learning rates, batch sizes and epochs, and returns them best first (by
    /// mean score; the order of the grid on ties). Every network of one fold starts from the same seed, so the comparison
    /// is paired.
    /// </summary>
    /// <param name="architectures">The networks to compare, each named, each made from a seed.</param>
    /// <param name="data">All the data; each fold trains on the rest.</param>
    /// <param name="optimizers">Optimizer names (<see cref="TrainingSettings.OptimizerNames"/>).</param>
    /// <param name="learningRates">Learning rates.</param>
    /// <param name="batchSizes">Batch sizes.</param>
    /// <param name="epochs">Numbers of epochs.</param>
    /// <param name="folds">The number of folds.</param>
    /// <param name="seed">Seeds the folds, the initialisations and the shuffling.</param>
    /// <param name="scoring">The evaluated value to rank by: <c>accuracy</c> (the default for a classifier), <c>loss</c> (the default for a regression; lower is better), or a metric's name.</param>
    /// <param name="metrics">Metrics to evaluate on each held-out fold.</param>
    /// <param name="standardize">Whether to fit a <see cref="StandardScaler"/> on each training part and scale both parts with it.</param>
    /// <param name="degreeOfParallelism">Models trained at once (default: one per core).</param>
    public static IReadOnlyList<CrossValidationResult> Search(
        IEnumerable<Architecture> architectures,
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
        ArgumentNullException.ThrowIfNull(architectures);
        Architecture[] networks = [.. architectures];
        if (networks.Length == 0)
        {
            throw new ArgumentException("The list of architectures is empty: give at least one.", nameof(architectures));
        }

        foreach (Architecture architecture in networks)
        {
            ArgumentNullException.ThrowIfNull(architecture, nameof(architectures));
            ArgumentException.ThrowIfNullOrWhiteSpace(architecture.Name, nameof(architectures));
            ArgumentNullException.ThrowIfNull(architecture.Create, nameof(architectures));
        }

        if (networks.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two architectures are named '{twice.Key}'; names must tell the results apart.", nameof(architectures));
        }

        return Rank([.. networks.Select(a => (a, a.Create))], data, Settings(optimizers, learningRates, batchSizes, epochs), folds, seed, scoring, metrics, standardize, degreeOfParallelism);
    }

    private static TrainingSettings[] Settings(IEnumerable<string> optimizers, IEnumerable<float> learningRates, IEnumerable<int> batchSizes, IEnumerable<int> epochs)
    {
        TrainingSettings[] grid =
        [
            .. from optimizer in optimizers
               from rate in learningRates
               from batch in batchSizes
               from epoch in epochs
               select new TrainingSettings(optimizer, rate, batch, epoch),
        ];
        return grid.Length > 0 ? grid : throw new ArgumentException("The grid is empty: give at least one value of each setting.");
    }

    /// <summary>Every (network, setting) pair cross-validated, best first.</summary>
    private static CrossValidationResult[] Rank(
        (Architecture? Architecture, Func<int, INetwork> Create)[] networks, Dataset data, TrainingSettings[] settings, int folds, int seed, string? scoring,
        Func<IReadOnlyList<Metric>>? metrics, bool standardize, int degreeOfParallelism)
    {
        (Architecture?, Func<int, INetwork>, TrainingSettings)[] grid = [.. from n in networks from s in settings select (n.Architecture, n.Create, s)];
        CrossValidationResult[] results = Run(grid, data, folds, seed, ref scoring, metrics, standardize, degreeOfParallelism);
        bool higher = HigherIsBetter(scoring, metrics);
        return results.Select((r, i) => (r, i))
            .OrderBy(p => double.IsNaN(p.r.Mean) ? 1 : 0)
            .ThenBy(p => double.IsNaN(p.r.Mean) ? 0 : higher ? -p.r.Mean : p.r.Mean)
            .ThenBy(p => p.i)
            .Select(p => p.r)
            .ToArray();
    }

    /// <summary>The results as a table: one row per setting, the score's mean ± standard deviation, best first as given.</summary>
    public static string Table(IReadOnlyList<CrossValidationResult> results, string? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        scoring ??= results.Count > 0 && results[0].Metrics.ContainsKey("accuracy") ? "accuracy" : "loss";
        // A search over architectures adds their names as the first column, as wide as the longest.
        int nameWidth = results.Max(r => r.Architecture?.Name.Length + 2) ?? 0;
        nameWidth = nameWidth == 0 ? 0 : Math.Max(nameWidth, "architecture".Length + 2);
        string Name(string name) => nameWidth == 0 ? string.Empty : name.PadRight(nameWidth);
        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {Name("architecture")}{"optimizer",-9} {"learning rate",13} {"batch",5} {"epochs",6}  {scoring + " (mean ± std)",-24}"));
        for (int i = 0; i < results.Count; i++)
        {
            CrossValidationResult r = results[i];
            (double mean, double std) = r.Metrics[scoring];
            int failed = r.FoldErrors.Count(e => e is not null);
            string score = failed > 0
                ? string.Create(CultureInfo.InvariantCulture, $"failed on {failed} of {r.Scores.Count} folds: {r.FoldErrors.First(e => e is not null)}")
                : string.Create(CultureInfo.InvariantCulture, $"{mean:F4} ± {std:F4}");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {Name(r.Architecture?.Name ?? string.Empty)}{r.Settings.Optimizer,-9} {r.Settings.LearningRate,13:G4} {r.Settings.BatchSize,5} {r.Settings.Epochs,6}  {score}"));
        }

        return table.ToString();
    }

    private static CrossValidationResult[] Run(
        (Architecture? Architecture, Func<int, INetwork> Create, TrainingSettings Settings)[] grid, Dataset data, int folds, int seed, [NotNull] ref string? scoring,
        Func<IReadOnlyList<Metric>>? metrics, bool standardize, int degreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(grid[0].Create, "createNetwork");
        ArgumentNullException.ThrowIfNull(data);
        foreach (TrainingSettings settings in grid.Select(g => g.Settings))
        {
            ArgumentNullException.ThrowIfNull(settings);
            settings.CreateOptimizer(); // an unknown optimizer or a bad rate fails before any training
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.BatchSize);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Epochs);
        }

        // Everything knowable is checked before any network trains: each factory's network fits the data, each is trained
        // on the same loss, and the score is one of the values the folds will be evaluated as.
        // Each factory is probed once; the first one's network decides the default score.
        INetwork? first = null;
        foreach (var (architecture, create) in grid.Select(g => (g.Architecture, g.Create)).Distinct())
        {
            INetwork probe = Probe(create, seed);
            first ??= probe;
            string which = architecture is null ? string.Empty : $"Architecture '{architecture.Name}': ";
            try
            {
                NetworkTraining.CheckShape(probe, data, nameof(data));
            }
            catch (ArgumentException mismatch)
            {
                throw new ArgumentException(which + mismatch.Message, mismatch.ParamName, mismatch);
            }

            if (probe.Loss != first.Loss)
            {
                throw new ArgumentException($"{which}its network is trained on {probe.Loss}, the first on {first.Loss}; the scores of one search must be comparable.", "architectures");
            }
        }

        scoring ??= DefaultScoring(first!);
        string[] evaluated = [.. EvaluatedKeys(first!, metrics)];
        if (!evaluated.Contains(scoring, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The folds will be evaluated as {string.Join(", ", evaluated)}; there is no '{scoring}' to score by.", nameof(scoring));
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

        var evaluations = new Evaluation?[grid.Length, folds];
        var errors = new string?[grid.Length, folds];
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        try
        {
            Parallel.For(0, grid.Length * folds, options, job =>
            {
                int g = job / folds, f = job % folds;
                TrainingSettings settings = grid[g].Settings;
                int jobSeed = (int)(SeededRandom.StreamSeed(seed, f) & int.MaxValue); // the same per fold for every setting: a paired comparison
                INetwork network = grid[g].Create(jobSeed)
                    ?? throw new InvalidOperationException($"createNetwork returned null for seed {jobSeed}: it must return a new network.");
                try
                {
                    network.Fit(parts[f].Train, settings.Epochs, settings.BatchSize, settings.CreateOptimizer(), seed: jobSeed, verbose: 0);
                }
                catch (NonFiniteLossException diverged)
                {
                    // One setting that diverges costs its own folds, not the search: scikit-learn's error_score=np.nan.
                    errors[g, f] = diverged.Message;
                    return;
                }

                evaluations[g, f] = network.Evaluate(parts[f].Test, metrics?.Invoke() ?? []);
            });
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            // The first failure as itself (a factory's wrong network, a metric that does not apply), not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            throw;
        }

        var results = new CrossValidationResult[grid.Length];
        for (int g = 0; g < grid.Length; g++)
        {
            Evaluation?[] row = Enumerable.Range(0, folds).Select(f => evaluations[g, f]).ToArray();
            var summary = evaluated.ToDictionary(
                key => key,
                key => row.All(e => e is not null) ? Statistics.MeanAndDeviation(row.Select(e => e!.Value[key]).ToArray()) : (double.NaN, double.NaN));
            string score = scoring;
            results[g] = new CrossValidationResult(grid[g].Settings, row.Select(e => e is { } evaluation ? evaluation[score] : double.NaN).ToArray(), summary)
            {
                FoldErrors = Enumerable.Range(0, folds).Select(f => errors[g, f]).ToArray(),
                Architecture = grid[g].Architecture,
            };
        }

        return results;
    }

    /// <summary>A network from the factory, to check it before training: never null.</summary>
    private static INetwork Probe(Func<int, INetwork> createNetwork, int seed) =>
        createNetwork(seed) ?? throw new ArgumentException($"createNetwork returned null for seed {seed}: it must return a new network.", nameof(createNetwork));

    /// <summary>The values each fold's evaluation holds: the loss, the accuracy where the loss has one, and the metrics.</summary>
    private static IEnumerable<string> EvaluatedKeys(INetwork network, Func<IReadOnlyList<Metric>>? metrics)
    {
        yield return "loss";
        if (Accuracy.IsDefinedFor(network.Loss))
        {
            yield return "accuracy";
        }

        foreach (Metric metric in metrics?.Invoke() ?? [])
        {
            yield return metric.Name;
        }
    }

    private static string DefaultScoring(INetwork network) => Accuracy.IsDefinedFor(network.Loss) ? "accuracy" : "loss";

    private static bool HigherIsBetter(string scoring, Func<IReadOnlyList<Metric>>? metrics) =>
        Metric.IsHigherBetter(scoring, metrics?.Invoke() ?? []) ?? true;
}
