using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>The Keras Iris recipe, end to end, on the iris.csv the sample ships.</summary>
public class IrisEndToEndTests
{
    private static readonly Dataset Iris = Csv.Load(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"), "species", classCount: 3);

    /// <summary>Standardised features, 80/20 split, 4-10-10-3, Adam 0.01, 100 epochs of batch 32; returns test (loss, accuracy).</summary>
    private static Evaluation Recipe(int seed)
    {
        var (train, test) = Iris.TrainTestSplit(0.2, seed);
        var scaler = StandardScaler.Fit(train);
        var net = new IrisNet(seed);
        net.Fit(scaler.Transform(train), epochs: 100, batchSize: 32, optimizer: new Adam(0.01f), seed: seed);
        return net.Evaluate(scaler.Transform(test));
    }

    [Theory]
    [MemberData(nameof(Runtime.OptimizerTests.Every), MemberType = typeof(Runtime.OptimizerTests))]
    public void Every_optimizer_trains_the_recipe_to_held_out_accuracy(string optimizer)
    {
        // The recipe with each optimizer at a rate that suits it (OptimizerTests.Create: 0.01, Adagrad and SGD 0.1).
        var (train, test) = Iris.TrainTestSplit(0.2, 42);
        var scaler = StandardScaler.Fit(train);
        var net = new IrisNet(42);
        History history = net.Fit(scaler.Transform(train), epochs: 100, batchSize: 32, optimizer: Runtime.OptimizerTests.Create(optimizer), seed: 42, verbose: 0);
        Evaluation result = net.Evaluate(scaler.Transform(test));
        Assert.True(result.Accuracy >= 0.9, $"{optimizer}: test accuracy {result.Accuracy}, loss {result.Loss}");
        Assert.True(history["loss"][^1] < history["loss"][0] / 3, $"{optimizer}: training loss {history["loss"][0]} → {history["loss"][^1]}");
    }

    [Fact]
    public void Seed_42_reaches_at_least_93_percent_test_accuracy()
    {
        Evaluation result = Recipe(42);
        Assert.True(result.Accuracy >= 0.93, $"test accuracy {result.Accuracy}, loss {result.Loss}");
        Assert.True(result.Loss < 0.3, $"test loss {result.Loss}");
    }

    [Fact]
    public void Median_test_accuracy_over_ten_seeds_is_at_least_93_percent()
    {
        double[] accuracies = Enumerable.Range(0, 10).Select(seed => Recipe(seed).Accuracy!.Value).Order().ToArray();
        double median = (accuracies[4] + accuracies[5]) / 2;
        Assert.True(median >= 0.93, $"median {median}; accuracies {string.Join(", ", accuracies)}");
    }

    [Fact]
    public void Predictions_are_probabilities_and_classes_agree_with_them()
    {
        var (train, test) = Iris.TrainTestSplit(0.2, 42);
        var scaler = StandardScaler.Fit(train);
        test = scaler.Transform(test);
        var net = new IrisNet(42);
        net.Fit(scaler.Transform(train), epochs: 50, batchSize: 32, optimizer: new Adam(0.01f), seed: 42);
        float[] probabilities = net.Predict(test);
        int[] classes = net.PredictClasses(test);
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> p = probabilities.AsSpan(i * 3, 3);
            Assert.Equal(1f, p[0] + p[1] + p[2], 1e-5f);
            Assert.Equal(Accuracy.ArgMax(p), classes[i]);
            Assert.Equal(classes[i], net.PredictClass(test.FeaturesOf(i)));
        }
    }
}
