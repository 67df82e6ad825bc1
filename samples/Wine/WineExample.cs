using StaticNet;
using StaticNet.Plotting;

namespace Samples.Wine;

/// <summary>
/// Model selection on scikit-learn's wine data (13 chemical measurements, three cultivars): a grid search over the seven
/// optimizers, learning rate and batch size with stratified 5-fold cross-validation (each fold scaled on its own training part), the
/// best setting retrained and tested on held-out wines, and which measurements the network relies on, by permutation
/// importance.
/// </summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(13)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineNet;

/// <summary>A narrower network, for the search over architectures.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(13)]
[Dense(4, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineNarrowNet;

/// <summary>A deeper one.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(13)]
[Dense(32, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineDeepNet;

/// <summary>A wide one, regularised with L2 and dropout.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(13)]
[Dense(64, Activation.ReLU, L2 = 1e-3)]
[Dropout(0.3)]
[Dense(3, Activation.Softmax)]
public partial class WineRegularizedNet;

/// <summary>What the sample measured.</summary>
/// <param name="Grid">The optimizer settings, cross-validated on <see cref="WineNet"/>, best first.</param>
/// <param name="Architectures">Four networks with the best setting, cross-validated, best first.</param>
/// <param name="Test">The best network with the best setting, retrained on the training wines and tested on the held-out ones.</param>
/// <param name="Importance">Permutation importance on the held-out wines.</param>
/// <param name="ImportanceChart">Where the importance chart was saved.</param>
public sealed record WineOutcome(IReadOnlyList<CrossValidationResult> Grid, IReadOnlyList<CrossValidationResult> Architectures, Evaluation Test, PermutationImportanceResult Importance, string ImportanceChart);

public static class WineExample
{
    public const int Seed = 42;

    public static WineOutcome Run(string dataPath, string outputFolder, int degreeOfParallelism = -1)
    {
        Dataset data = Csv.Load(dataPath, labelColumn: "class", classCount: 3);
        var (train, test) = data.TrainTestSplit(testFraction: 0.2, seed: Seed, stratify: true);

        IReadOnlyList<CrossValidationResult> grid = GridSearch.Search(
            seed => new WineNet(seed),
            train,
            optimizers: ["adam", "adamw", "nadam", "adamax", "rmsprop", "adagrad", "sgd"],
            learningRates: [0.001f, 0.01f, 0.1f],
            batchSizes: [16, 64],
            epochs: [60],
            folds: 5,
            seed: Seed,
            standardize: true,
            degreeOfParallelism: degreeOfParallelism);

        // Then the network's size and regularisation, with the best setting (Keras Tuner's search over architectures).
        TrainingSettings best = grid[0].Settings;
        IReadOnlyList<CrossValidationResult> architectures = GridSearch.Search(
            [
                new Architecture("13-16-3", seed => new WineNet(seed)),
                new Architecture("13-4-3", seed => new WineNarrowNet(seed)),
                new Architecture("13-32-16-3", seed => new WineDeepNet(seed)),
                new Architecture("13-64-3 L2 dropout", seed => new WineRegularizedNet(seed)),
            ],
            train,
            optimizers: [best.Optimizer],
            learningRates: [best.LearningRate],
            batchSizes: [best.BatchSize],
            epochs: [best.Epochs],
            folds: 5,
            seed: Seed,
            standardize: true,
            degreeOfParallelism: degreeOfParallelism);

        var scaler = StandardScaler.Fit(train);
        (train, test) = (scaler.Transform(train), scaler.Transform(test));
        INetwork network = architectures[0].Architecture!.Create(Seed);
        network.Fit(train, best.Epochs, best.BatchSize, best.CreateOptimizer(), seed: Seed, verbose: 0);
        Evaluation evaluation = network.Evaluate(test);

        PermutationImportanceResult importance = network.PermutationImportance(test, repeats: 20, seed: Seed);
        Directory.CreateDirectory(outputFolder);
        string chart = Path.Combine(outputFolder, "wine_permutation_importance.png");
        Plots.FeatureImportance(importance, "Permutation importance on the test wines (drop in accuracy)").Save(chart, 800, 500);
        return new WineOutcome(grid, architectures, evaluation, importance, chart);
    }
}
