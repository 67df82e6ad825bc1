using StaticNet;
using StaticNet.Plotting;

namespace Samples.Diabetes;

/// <summary>
/// Regression on scikit-learn's diabetes data: disease progression a year on, from ten baseline measurements. The target
/// is standardised for training (a network learns a unit-scale target far faster than one around 150) and the
/// predictions are put back in the original units, where MAE, RMSE and R² are reported beside scikit-learn's
/// LinearRegression on the same split.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(10)]
[Dense(32, Activation.ReLU, L2 = 1e-3)]
[Dense(16, Activation.ReLU, L2 = 1e-3)]
[Dense(1)]
public partial class DiabetesNet;

/// <summary>What the sample measured, in the target's own units.</summary>
public sealed record DiabetesOutcome(History History, double MeanAbsoluteError, double RootMeanSquaredError, double R2, string LearningCurves);

public static class DiabetesExample
{
    public const int Seed = 42;

    /// <summary>scikit-learn's LinearRegression on the same split (tests/reference/diabetes_baseline.py).</summary>
    public const double BaselineMae = 42.794, BaselineRmse = 53.853, BaselineR2 = 0.4526;

    /// <summary>The data and scikit-learn's train_test_split(test_size=0.2, random_state=42), read from the split file.</summary>
    public static (Dataset Train, Dataset Test) Load(string folder)
    {
        Dataset data = Csv.Load(Path.Combine(folder, "diabetes.csv"), labelColumn: "progression");
        string[] split = File.ReadAllLines(Path.Combine(folder, "diabetes_split_rs42.csv")).Skip(1).ToArray();
        int[] Rows(string part) => split.Where(l => l.StartsWith(part + ",", StringComparison.Ordinal)).Select(l => int.Parse(l[(part.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (data.Select(Rows("train")), data.Select(Rows("test")));
    }

    public static DiabetesOutcome Run(string dataFolder, string outputFolder, TextWriter? log, int verbose = 2)
    {
        var (train, test) = Load(dataFolder);
        var scaler = StandardScaler.Fit(train);
        (train, test) = (scaler.Transform(train), scaler.Transform(test));

        // The target's mean and standard deviation on the training part only.
        double mean = train.Targets.ToArray().Average();
        double std = Math.Sqrt(train.Targets.ToArray().Average(t => (t - mean) * (t - mean)));
        Dataset Standardized(Dataset d) => new(d.Features.ToArray(), d.Targets.ToArray().Select(t => (float)((t - mean) / std)).ToArray(), d.FeatureCount, featureNames: d.FeatureNames);

        var network = new DiabetesNet(Seed);
        History history = network.Fit(
            Standardized(train),
            epochs: 400,
            batchSize: 32,
            optimizer: new Adam(0.001f),
            seed: Seed,
            validationSplit: 0.2,
            metrics: [new MeanAbsoluteError(), new RootMeanSquaredError(), new R2Score()],
            callbacks: [new EarlyStopping(monitor: "val_loss", patience: 30, restoreBestWeights: true), new ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 10)],
            log: log,
            verbose: verbose);

        float[] predicted = network.Predict(test).Select(p => (float)(p * std + mean)).ToArray();
        Directory.CreateDirectory(outputFolder);
        string curves = Path.Combine(outputFolder, "diabetes_learning_curves.png");
        Plots.SaveLearningCurves(history, curves);
        return new DiabetesOutcome(
            history,
            RegressionMetrics.MeanAbsoluteError(test.Targets, predicted),
            RegressionMetrics.RootMeanSquaredError(test.Targets, predicted),
            RegressionMetrics.R2Score(test.Targets, predicted),
            curves);
    }
}
