using System.Diagnostics;
using StaticNet;
using StaticNet.Plotting;

namespace Samples.Mnist;

/// <summary>LeNet-5 as SimpleChains.jl publishes it: 44,426 parameters.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[RandomTranslation(0.1, 0.1, FillMode = FillMode.Constant)]
[Conv2D(6, 5, 5, Activation.ReLU)]
[MaxPooling2D(2, 2)]
[Conv2D(16, 5, 5, Activation.ReLU)]
[MaxPooling2D(2, 2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet5;

/// <summary>What a run measured.</summary>
public sealed record MnistOutcome(
    int TrainCount,
    int TestCount,
    History History,
    Evaluation Test,
    ConfusionMatrix TestMatrix,
    double SecondsPerEpoch,
    string ConfusionPicture,
    string SaliencyPicture);

/// <summary>
/// LeNet-5 on real MNIST digits: 8,000 to train (the last 10 % of them for validation, as Keras's validation_split) and
/// 2,000 held out, from the 10,000 the repository ships, split stratified with a seed.
/// </summary>
public static class MnistExample
{
    public const int Seed = 42;

    public static readonly string[] ClassNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static Dataset Load(string dataFolder) =>
        Idx.LoadDataset(Path.Combine(dataFolder, "mnist-10k-images-idx3-ubyte.gz"), Path.Combine(dataFolder, "mnist-10k-labels-idx1-ubyte.gz"));

    /// <param name="dataFolder">Where the two IDX files are.</param>
    /// <param name="outputFolder">Where the pictures go.</param>
    /// <param name="log">Fit's progress, or null.</param>
    /// <param name="epochs">Epochs to train.</param>
    /// <param name="trainCount">Training samples to use (at most 8,000; fewer for a quick run).</param>
    public static MnistOutcome Run(string dataFolder, string outputFolder, TextWriter? log, int epochs = 30, int trainCount = 8_000, int verbose = 2)
    {
        Dataset digits = Load(dataFolder);
        var (train, test) = digits.TrainTestSplit(testFraction: 0.2, seed: Seed, stratify: true);
        if (trainCount < train.Count)
        {
            train = train.Select(Enumerable.Range(0, trainCount).ToArray());
        }

        var network = new LeNet5(Seed);
        var stopwatch = Stopwatch.StartNew();
        History history = network.Fit(train, epochs: epochs, batchSize: 32, optimizer: new Adam(0.001f), seed: Seed, validationSplit: 0.1, log: log, verbose: verbose);
        double secondsPerEpoch = stopwatch.Elapsed.TotalSeconds / history.Count;

        Evaluation evaluation = network.Evaluate(test);
        ConfusionMatrix matrix = ConfusionMatrix.Of(network, test);
        Directory.CreateDirectory(outputFolder);
        string confusion = Path.Combine(outputFolder, "mnist_confusion.png");
        Plots.ConfusionMatrix(matrix, ClassNames).Save(confusion, 600, 500);

        // What the network looks at: the input gradient of the predicted class, for the first test digit of each class.
        var images = new List<float[]>();
        var maps = new List<float[]>();
        var captions = new List<string>();
        for (int digit = 0; digit < 10; digit++)
        {
            int index = Enumerable.Range(0, test.Count).First(i => test.LabelOf(i) == digit);
            float[] image = test.FeaturesOf(index).ToArray();
            int predicted = network.PredictClass(image);
            images.Add(image);
            maps.Add(network.Saliency(image, predicted));
            captions.Add($"{digit} → {predicted}");
        }

        string saliency = Path.Combine(outputFolder, "mnist_saliency.png");
        SaliencyMaps.Save(saliency, images, maps, 28, 28, captions);
        return new MnistOutcome(train.Count, test.Count, history, evaluation, matrix, secondsPerEpoch, confusion, saliency);
    }
}
