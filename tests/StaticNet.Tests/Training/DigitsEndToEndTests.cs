namespace StaticNet.Tests.Training;

/// <summary>The Digits sample's recipe: 8×8 digits, standardised, stratified 80/20 split (seed 42), 64-64-10, Adam 0.001, 30 epochs.</summary>
public class DigitsEndToEndTests
{
    [Fact]
    public void Reaches_at_least_97_percent_test_accuracy()
    {
        Dataset data = Csv.Load(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv"), "label", classCount: 10);
        Assert.Equal((1797, 64), (data.Count, data.FeatureCount));
        var (train, test) = data.TrainTestSplit(0.2, seed: 42, stratify: true);
        var scaler = StandardScaler.Fit(train);
        var net = new DigitsTestNet(seed: 42);
        net.Fit(scaler.Transform(train), epochs: 30, batchSize: 32, optimizer: new Adam(0.001f), seed: 42);
        Evaluation result = net.Evaluate(scaler.Transform(test));
        Assert.True(result.Accuracy >= 0.97, $"test accuracy {result.Accuracy}, loss {result.Loss}");
    }
}

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsTestNet;
