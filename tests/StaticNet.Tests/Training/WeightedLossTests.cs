using System.Text.Json;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>
/// classWeight and sampleWeight against PyTorch (tests/reference/weighted_loss.py): Keras's convention, Σ wᵢ·lᵢ / N, for the
/// loss and the gradient, through the generated step and through Fit.
/// </summary>
public class WeightedLossTests
{
    private static readonly JsonElement[] Cases = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "weighted_loss.json"))).RootElement.GetProperty("cases").EnumerateArray().ToArray();

    public static TheoryData<string> Names => new(Cases.Select(c => c.GetProperty("name").GetString()!));

    private static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    private static float[] Floats(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static INetwork Create(string network) => network switch
    {
        "IrisNet" => new IrisNet(1),
        "RefDepth5Net" => new RefDepth5Net(1),
        "RefOutputLinearNet" => new RefOutputLinearNet(1),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 + 1e-5 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(Names))]
    public void The_weighted_step_gives_pytorchs_weighted_loss_and_gradient(string name)
    {
        JsonElement c = Case(name);
        INetwork net = Create(c.GetProperty("network").GetString()!);
        Floats(c, "parameters").CopyTo(net.Parameters);
        int batch = c.GetProperty("batch").GetInt32();
        var workspace = net.CreateWorkspace(batch);
        workspace.SampleWeights = Floats(c, "weights");
        var gradient = new float[net.ParameterCount];
        var predictions = new float[batch * net.OutputSize];
        float loss = net.TrainBatch(Floats(c, "inputs"), Floats(c, "targets"), batch, gradient, predictions, workspace);

        AssertClose(c.GetProperty("loss_value").GetDouble(), loss / batch);
        float[] expected = Floats(c, "gradient");
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], gradient[i] / batch);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fit_with_class_and_sample_weights_takes_the_weighted_step(string name)
    {
        JsonElement c = Case(name);
        INetwork net = Create(c.GetProperty("network").GetString()!);
        float[] start = Floats(c, "parameters");
        start.CopyTo(net.Parameters);
        int batch = c.GetProperty("batch").GetInt32();
        var data = new Dataset(Floats(c, "inputs"), Floats(c, "targets"), net.InputSize, net.TargetSize, net.Loss == Loss.SparseCategoricalCrossEntropy ? net.OutputSize : null);
        Dictionary<int, float>? classWeight = c.GetProperty("class_weight").ValueKind == JsonValueKind.Object
            ? c.GetProperty("class_weight").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => (float)p.Value.GetDouble())
            : null;
        float[]? sampleWeight = c.GetProperty("sample_weight").ValueKind == JsonValueKind.Array ? Floats(c, "sample_weight") : null;

        const float LearningRate = 0.1f;
        History history = net.Fit(data, epochs: 1, batchSize: batch, optimizer: new Sgd(LearningRate), shuffle: false, classWeight: classWeight, sampleWeight: sampleWeight);

        AssertClose(c.GetProperty("loss_value").GetDouble(), history[0].Loss);
        float[] gradient = Floats(c, "gradient");
        for (int i = 0; i < gradient.Length; i++)
        {
            AssertClose(start[i] - LearningRate * gradient[i], net.Parameters[i]);
        }
    }

    [Fact]
    public void Unit_weights_give_the_same_bits_as_no_weights()
    {
        var data = TestData.Iris();
        var a = new IrisNet(3);
        var b = new IrisNet(3);
        a.Fit(data, epochs: 3, batchSize: 16, seed: 5);
        b.Fit(data, epochs: 3, batchSize: 16, seed: 5, sampleWeight: Enumerable.Repeat(1f, data.Count).ToArray());
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
    }

    [Fact]
    public void Weights_are_split_with_the_data_and_the_same_for_two_threads()
    {
        var data = TestData.Iris();
        float[] weights = Enumerable.Range(0, data.Count).Select(i => 0.5f + i % 3).ToArray();
        var one = new IrisNet(3);
        var two = new IrisNet(3);
        History h1 = one.Fit(data, epochs: 2, batchSize: 32, seed: 5, sampleWeight: weights, validationSplit: 0.2);
        History h2 = two.Fit(data, epochs: 2, batchSize: 32, seed: 5, sampleWeight: weights, validationSplit: 0.2, degreeOfParallelism: 2);
        Assert.Equal(h1["loss"][1], h2["loss"][1], 1e-5);
        Assert.Equal(h1["val_loss"][1], h2["val_loss"][1], 1e-5);
    }

    [Fact]
    public void Bad_weights_are_refused_naming_the_sample_or_class()
    {
        var data = TestData.Iris();
        var net = new IrisNet(1);
        Assert.Contains("Sample 4", Assert.Throws<ArgumentException>(() => net.Fit(data, sampleWeight: Enumerable.Range(0, data.Count).Select(i => i == 4 ? float.NaN : 1f).ToArray())).Message);
        Assert.Contains("149", Assert.Throws<ArgumentException>(() => net.Fit(data, sampleWeight: new float[149])).Message);
        Assert.Contains("class 3", Assert.Throws<ArgumentException>(() => net.Fit(data, classWeight: new Dictionary<int, float> { [3] = 1f })).Message);
        Assert.Contains("Class 1", Assert.Throws<ArgumentException>(() => net.Fit(data, classWeight: new Dictionary<int, float> { [1] = -1f })).Message);
        var regression = new MseLinearNet(1);
        var regressionData = new Dataset(new float[MseLinearNet.InputSize * 4], new float[MseLinearNet.TargetSize * 4], MseLinearNet.InputSize, MseLinearNet.TargetSize);
        Assert.Contains("classification", Assert.Throws<ArgumentException>(() => regression.Fit(regressionData, classWeight: new Dictionary<int, float> { [0] = 1f })).Message);
    }

    [Fact]
    public void Balanced_class_weights_are_scikit_learns()
    {
        // compute_class_weight('balanced', classes=[0,1,2], y) = n / (3 · count): iris has 50 of each, so all 1.
        var data = TestData.Iris();
        var subset = data.Select(Enumerable.Range(0, 110).ToArray()); // 50, 50, 10
        Dictionary<int, float> weights = new IrisNet(1).BalancedClassWeights(subset);
        Assert.Equal(110f / (3 * 50), weights[0], 6);
        Assert.Equal(110f / (3 * 50), weights[1], 6);
        Assert.Equal(110f / (3 * 10), weights[2], 6);
    }
}
