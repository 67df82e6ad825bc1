using System.Text.Json;
using StaticNet.Tests.Networks;
using Xunit.Abstractions;

namespace StaticNet.Tests.Reference;

/// <summary>
/// Training dynamics against PyTorch: the Iris recipe on scikit-learn's exact split (train_test_split(test_size=0.2,
/// random_state=42)) for 100 seeds, against the 100 PyTorch runs tests/reference/iris_torch.py recorded. Fewer seeds
/// would be flaky: PyTorch's own 20-seed medians move between 0.011 and 0.017 from one block of seeds to the next.
/// </summary>
public class IrisTrainingDynamicsTests(ITestOutputHelper output)
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Reference");

    [Fact]
    public void Hundred_seeds_train_as_well_as_pytorch()
    {
        using JsonDocument torch = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "results", "iris_torch.json")));
        double torchMeanAccuracy = torch.RootElement.GetProperty("mean_accuracy").GetDouble();
        double torchMedianLoss = torch.RootElement.GetProperty("median_loss").GetDouble();
        Assert.Equal(100, torch.RootElement.GetProperty("test_loss").GetArrayLength());

        var (train, test) = SklearnSplit();
        var scaler = StandardScaler.Fit(train);
        train = scaler.Transform(train);
        test = scaler.Transform(test);

        var accuracies = new double[100];
        var losses = new double[100];
        for (int seed = 0; seed < 100; seed++)
        {
            var net = new IrisNet(seed);
            net.Fit(train, epochs: 100, batchSize: 32, optimizer: new Adam(0.01f), seed: seed);
            (losses[seed], double? accuracy) = net.Evaluate(test);
            accuracies[seed] = accuracy!.Value;
        }

        double meanAccuracy = accuracies.Average();
        double[] sorted = losses.Order().ToArray();
        double medianLoss = (sorted[49] + sorted[50]) / 2;
        string summary = $"StaticNet: mean accuracy {meanAccuracy:F4}, median loss {medianLoss:F4}; PyTorch: {torchMeanAccuracy:F4}, {torchMedianLoss:F4}";
        output.WriteLine(summary);
        Assert.True(meanAccuracy >= torchMeanAccuracy - 0.01, summary);
        Assert.True(medianLoss <= 1.3 * torchMedianLoss, summary);
    }

    [Fact]
    public void The_split_is_scikit_learns()
    {
        var (train, test) = SklearnSplit();
        Assert.Equal((120, 30), (train.Count, test.Count));
        // Iris row 73 (0-based) is the first test sample scikit-learn returns: 6.1, 2.8, 4.7, 1.2, class 1.
        Assert.Equal([6.1f, 2.8f, 4.7f, 1.2f], test.FeaturesOf(0).ToArray());
        Assert.Equal(1, test.LabelOf(0));
    }

    /// <summary>The rows and order scikit-learn's split gives, from the shipped copy of iris_split_rs42_order.csv.</summary>
    internal static (Dataset Train, Dataset Test) SklearnSplit()
    {
        Dataset iris = Csv.Load(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"), "species", classCount: 3);
        var parts = File.ReadLines(Path.Combine(Root, "data", "iris_split_rs42_order.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Split: cells[0], Position: int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), Row: int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToLookup(r => r.Split);
        int[] Rows(string split) => parts[split].OrderBy(r => r.Position).Select(r => r.Row).ToArray();
        return (iris.Select(Rows("train")), iris.Select(Rows("test")));
    }
}
