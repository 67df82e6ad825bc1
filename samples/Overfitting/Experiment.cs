using StaticNet;

namespace Samples.Overfitting;

/// <summary>How a trained network does on the data it trained on and on data it never saw, both measured in inference mode.</summary>
/// <param name="Name">Which network.</param>
/// <param name="Train">Loss and accuracy on the training set.</param>
/// <param name="Validation">Loss and accuracy on the validation set.</param>
/// <param name="History">The per-epoch log Fit returned.</param>
public sealed record Outcome(string Name, Evaluation Train, Evaluation Validation, IReadOnlyList<EpochResult> History)
{
    /// <summary>Validation loss minus training loss: how much of what the network learned does not carry over.</summary>
    public double LossGap => Validation.Loss - Train.Loss;

    /// <summary>Training accuracy minus validation accuracy.</summary>
    public double AccuracyGap => Train.Accuracy!.Value - Validation.Accuracy!.Value;
}

/// <summary>
/// The experiment: 100 breast-cancer samples to train on, the other 469 to validate on, standardised with the training
/// set's statistics; the wide network trained without and with regularisation, Adam 0.001, batches of 20.
/// </summary>
public static class Experiment
{
    public const int Seed = 7;

    public static (Dataset Train, Dataset Validation) Data(string path)
    {
        Dataset data = Csv.Load(path, labelColumn: "malignant0_benign1", classCount: 2);
        var (train, validation) = data.TrainTestSplit(testFraction: 469.0 / 569.0, seed: Seed, stratify: true);
        var scaler = StandardScaler.Fit(train);
        return (scaler.Transform(train), scaler.Transform(validation));
    }

    public static Outcome Run(INetwork network, string name, Dataset train, Dataset validation, int epochs, TextWriter? log)
    {
        ArgumentNullException.ThrowIfNull(network);
        IReadOnlyList<EpochResult> history = network.Fit(
            train, epochs: epochs, batchSize: 20, optimizer: new Adam(learningRate: 0.001f), seed: Seed, validationData: validation, log: log);
        return new Outcome(name, network.Evaluate(train), network.Evaluate(validation), history);
    }
}
