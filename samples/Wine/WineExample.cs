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

/// <summary>What the sample measured.</summary>
public sealed record WineOutcome(IReadOnlyList<CrossValidationResult> Grid, Evaluation Test, PermutationImportanceResult Importance, string ImportanceChart);

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

        TrainingSettings best = grid[0].Settings;
        var scaler = StandardScaler.Fit(train);
        (train, test) = (scaler.Transform(train), scaler.Transform(test));
        var network = new WineNet(Seed);
        network.Fit(train, best.Epochs, best.BatchSize, best.CreateOptimizer(), seed: Seed, verbose: 0);
        Evaluation evaluation = network.Evaluate(test);

        PermutationImportanceResult importance = network.PermutationImportance(test, repeats: 20, seed: Seed);
        Directory.CreateDirectory(outputFolder);
        string chart = Path.Combine(outputFolder, "wine_permutation_importance.png");
        Plots.FeatureImportance(importance, "Permutation importance on the test wines (drop in accuracy)").Save(chart, 800, 500);
        return new WineOutcome(grid, evaluation, importance, chart);
    }
}
