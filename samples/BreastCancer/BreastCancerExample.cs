using StaticNet;
using StaticNet.Plotting;

namespace Samples.BreastCancer;

/// <summary>
/// Binary classification of the Wisconsin breast-cancer data: malignant (class 1 here, the class a screen must not miss)
/// against benign. Balanced class weights make the rarer malignant class count as much as the benign one; early stopping
/// on the validation loss keeps the best epoch's weights; the test part is judged by precision, recall, F1 and ROC AUC,
/// not by accuracy alone.
/// </summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(30)]
[Dense(16, Activation.ReLU)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class BreastCancerNet;

/// <summary>What the sample measured.</summary>
public sealed record BreastCancerOutcome(
    History History,
    EarlyStopping Stopping,
    IReadOnlyDictionary<int, float> ClassWeights,
    Evaluation Validation,
    Evaluation Test,
    ConfusionMatrix TestMatrix,
    string Report,
    string LearningCurves,
    string ConfusionPicture);

public static class BreastCancerExample
{
    public const int Seed = 42;

    public static readonly string[] ClassNames = ["benign", "malignant"];

    /// <summary>The data with malignant as class 1 (the file codes malignant 0, benign 1).</summary>
    public static Dataset Load(string path)
    {
        Dataset file = Csv.Load(path, labelColumn: "malignant0_benign1", classCount: 2);
        float[] malignant = file.Targets.ToArray().Select(t => 1f - t).ToArray();
        return new Dataset(file.Features.ToArray(), malignant, file.FeatureCount, classCount: 2, featureNames: file.FeatureNames);
    }

    public static BreastCancerOutcome Run(string dataPath, string outputFolder, TextWriter? log, int verbose = 2)
    {
        Dataset data = Load(dataPath);
        var (rest, test) = data.TrainTestSplit(testFraction: 0.2, seed: Seed, stratify: true);
        var (train, validation) = rest.TrainTestSplit(testFraction: 0.2, seed: Seed, stratify: true);
        var scaler = StandardScaler.Fit(train);
        (train, validation, test) = (scaler.Transform(train), scaler.Transform(validation), scaler.Transform(test));

        var network = new BreastCancerNet(Seed);
        Dictionary<int, float> weights = network.BalancedClassWeights(train);
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 20, restoreBestWeights: true, verbose: true);
        History history = network.Fit(
            train,
            epochs: 300,
            batchSize: 32,
            optimizer: new Adam(0.001f),
            seed: Seed,
            validationData: validation,
            metrics: [new Precision(), new Recall(), new F1Score(), new AUC()],
            callbacks: [stopping],
            classWeight: weights,
            log: log,
            verbose: verbose);

        Metric[] metrics = [new Precision(), new Recall(), new F1Score(), new AUC()];
        Evaluation validationResult = network.Evaluate(validation, metrics);
        Evaluation testResult = network.Evaluate(test, metrics);
        ConfusionMatrix matrix = ConfusionMatrix.Of(network, test);

        Directory.CreateDirectory(outputFolder);
        string curves = Path.Combine(outputFolder, "breast_cancer_learning_curves.png");
        Plots.SaveLearningCurves(history, curves, markEpoch: stopping.BestEpoch); // the epoch whose weights were restored
        string confusion = Path.Combine(outputFolder, "breast_cancer_confusion.png");
        Plots.ConfusionMatrix(matrix, ClassNames).Save(confusion, 600, 500);
        return new BreastCancerOutcome(history, stopping, weights, validationResult, testResult, matrix, matrix.ClassificationReport(ClassNames), curves, confusion);
    }
}
