using System.Text.Json;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;

namespace StaticNet.Tests.Interpretation;

/// <summary>
/// Input-gradient saliency from the generated <c>InputGradient</c> against central finite differences of a double
/// reference network, for every layer kind; permutation importance against scikit-learn's own run.
/// </summary>
public class InterpretationTests
{
    public static TheoryData<string> Networks => new(["IrisNet", "BinaryNet", "MseTanhNet", "CategoricalNet", "DropoutNet", "BatchNormNet", "CombinedNet", "DropoutEdgesNet", "MseLeakyReLUNet", "LoopClassifierNet", "UnrolledIrisNet",
        "LeakyReLUDropoutOutputNet", "SigmoidLayerNet", "ActivationLayersNet", "InputNormalizationNet", "NoiseNet", "InputDropoutNoiseOutputNet", "ImageNormalizationNet", "SequenceFlattenNet", "ConvSameStrideNet", "ConvDilatedNet", "PoolFirstNet", "GlobalAverageNet", "GlobalMaxNet", "Conv1DNet", "Conv1DGlobalNet", "ExponentialActivationsNet", "SmoothActivationsNet"]);

    private static INetwork Create(string name) => name switch
    {
        "DropoutNet" => new DropoutNet(7),
        "BatchNormNet" => new BatchNormNet(7),
        "CombinedNet" => new CombinedNet(7),
        "DropoutEdgesNet" => new DropoutEdgesNet(7),
        "LeakyReLUDropoutOutputNet" => new LeakyReLUDropoutOutputNet(7),
        "InputNormalizationNet" => new InputNormalizationNet(7),
        "NoiseNet" => new NoiseNet(7),
        "ConvSameStrideNet" => new ConvSameStrideNet(7),
        "ConvDilatedNet" => new ConvDilatedNet(7),
        "PoolFirstNet" => new PoolFirstNet(7),
        "GlobalAverageNet" => new GlobalAverageNet(7),
        "GlobalMaxNet" => new GlobalMaxNet(7),
        "Conv1DNet" => new Conv1DNet(7),
        "Conv1DGlobalNet" => new Conv1DGlobalNet(7),
        "ImageNormalizationNet" => new ImageNormalizationNet(7),
        "SequenceFlattenNet" => new SequenceFlattenNet(7),
        "InputDropoutNoiseOutputNet" => new InputDropoutNoiseOutputNet(7),
        "ExponentialActivationsNet" => new ExponentialActivationsNet(7),
        "SmoothActivationsNet" => new SmoothActivationsNet(7),
        _ => NetworkCases.Create(name, seed: 7),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Saliency_is_the_gradient_of_each_output_with_respect_to_the_input(string name)
    {
        INetwork network = Create(name);
        var random = new SeededRandom(11);
        for (int i = 0; i < network.NonTrainableParameterCount; i++)
        {
            // Moving statistics other than 0 and 1 (positive, as a variance must be), so that inference-mode batch
            // normalisation is not the identity.
            network.NonTrainableParameters[i] = 0.5f + random.NextSingle();
        }

        double[] parameters = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] state = ReferenceMlp.State(network);
        float[] input = Enumerable.Range(0, network.InputSize).Select(_ => (float)random.NextGaussian()).ToArray();
        foreach (bool ofLogit in new[] { false, true })
        {
            for (int output = 0; output < network.OutputSize; output++)
            {
                // Of the output after the output activation, or of its logit before it.
                float[] saliency = network.Saliency(input, output, ofLogit);
                double Output(double[] x) => ofLogit
                    ? ReferenceMlp.Logits(network, parameters, state, x, 1, training: false, masks: null)[output]
                    : ReferenceMlp.Outputs(network, parameters, state, x, 1, training: false, masks: null)[output];
                double[] x = input.Select(v => (double)v).ToArray();
                var fd = new double[x.Length];
                for (int f = 0; f < x.Length; f++)
                {
                    double saved = x[f];
                    x[f] = saved + 1e-6;
                    double plus = Output(x);
                    x[f] = saved - 1e-6;
                    double minus = Output(x);
                    x[f] = saved;
                    fd[f] = (plus - minus) / 2e-6;
                }

                double largest = fd.Max(Math.Abs);
                Assert.True(largest > 0, $"{name} output {output}: the reference gradient is zero, so the check proves nothing.");
                for (int f = 0; f < x.Length; f++)
                {
                    double error = Math.Abs(saliency[f] - fd[f]) / Math.Max(Math.Abs(fd[f]), Math.Max(1e-3 * largest, 1e-6));
                    Assert.True(error < 1e-3, $"{name} output {output}{(ofLogit ? " (logit)" : string.Empty)} feature {f}: generated {saliency[f]:G9}, finite difference {fd[f]:G9}.");
                }
            }
        }
    }

    [Fact]
    public void A_confident_predictions_probability_barely_moves_where_its_logit_does()
    {
        // Iris trained to confidence: the predicted class's probability is near 1 for a typical flower, so its gradient is
        // near 0, while the logit's shows which measurements the score rests on.
        var network = new IrisNet(42);
        Dataset iris = TestData.ScaledIris();
        network.Fit(iris, epochs: 200, batchSize: 16, optimizer: new Adam(0.02f), seed: 42, verbose: 0);
        float[] flower = iris.FeaturesOf(0).ToArray(); // a setosa
        float[] probabilities = network.Predict(flower);
        Assert.True(probabilities[0] > 0.999f, $"p(setosa) = {probabilities[0]}");
        float probability = network.Saliency(flower, 0).Max(Math.Abs);
        float logit = network.Saliency(flower, 0, ofLogit: true).Max(Math.Abs);
        Assert.True(probability < 0.01f * logit, $"largest |∂p/∂x| {probability}, largest |∂z/∂x| {logit}");

        // The dataset-wide view takes the same choice.
        float[] mean = network.MeanAbsoluteSaliency(iris, 0, ofLogit: true);
        Assert.True(mean.Max() > 10 * network.MeanAbsoluteSaliency(iris, 0).Max());
    }

    [Fact]
    public void Saliency_allocates_nothing_after_the_first_call_and_refuses_a_bad_output()
    {
        var network = new IrisNet(1);
        float[] input = [0.1f, -0.3f, 1.2f, 0.4f];
        var gradient = new float[4];
        int output = 0;
        Allocations.AssertNoneOnceWarm(() => network.InputGradient(input, output++ % 3, gradient), callsPerWindow: 100);
        Assert.Equal("output", Assert.Throws<ArgumentOutOfRangeException>(() => network.InputGradient(input, 3, gradient)).ParamName);
    }

    [Fact]
    public void Permutation_importance_equals_scikit_learns_on_the_same_model_and_permutations()
    {
        JsonElement d = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "sklearn_permutation_importance.json"))).RootElement;
        float[] features = d.GetProperty("features").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        float[] labels = d.GetProperty("labels").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray();
        string[] names = d.GetProperty("feature_names").EnumerateArray().Select(v => v.GetString()!).ToArray();
        var data = new Dataset(features, labels, 4, classCount: 3, featureNames: names);
        var network = new IrisNet(1);
        d.GetProperty("parameters").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray().CopyTo(network.Parameters);

        // The same model: StaticNet's predictions are scikit-learn's.
        Assert.Equal(d.GetProperty("predictions").EnumerateArray().Select(v => v.GetInt32()), network.PredictClasses(data));

        int[][][] permutations = d.GetProperty("permutations").EnumerateArray()
            .Select(f => f.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray()).ToArray();
        int repeats = d.GetProperty("repeats").GetInt32();

        // scikit-learn's shuffles, replayed: each repeat's cumulative order is turned back into that repeat's shuffle.
        PermutationImportanceResult result = StaticNet.Interpretation.PermutationImportanceWith(network, data, scoring: null, repeats, (feature, order) =>
        {
            int round = 0;
            int[] previous = Enumerable.Range(0, data.Count).ToArray();
            return () =>
            {
                int[] target = permutations[feature][round++];
                int[] position = new int[previous.Length];
                for (int i = 0; i < previous.Length; i++)
                {
                    position[previous[i]] = i;
                }

                for (int i = 0; i < order.Length; i++)
                {
                    order[i] = position[target[i]];
                }

                previous = target;
            };
        });

        Assert.Equal(d.GetProperty("baseline").GetDouble(), result.Baseline, 1e-6);
        double[] mean = d.GetProperty("importances_mean").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] std = d.GetProperty("importances_std").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int f = 0; f < 4; f++)
        {
            Assert.Equal(mean[f], result.Mean[f], 1e-6);
            Assert.Equal(std[f], result.StandardDeviation[f], 1e-6);
        }

        Assert.Equal([3, 2, 1, 0], result.Ranking);
        Assert.StartsWith("feature       importance", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("petal_width", result.ToString().Split(Environment.NewLine)[1]);
    }

    [Fact]
    public void Permutation_importance_is_deterministic_per_seed_and_finds_the_informative_features()
    {
        Dataset data = TestData.ScaledIris();
        var network = new IrisNet(1);
        network.Fit(data, epochs: 60, optimizer: new Adam(0.01f), seed: 1);
        PermutationImportanceResult a = network.PermutationImportance(data, repeats: 5, seed: 3);
        PermutationImportanceResult b = network.PermutationImportance(data, repeats: 5, seed: 3);
        Assert.Equal(a.Mean, b.Mean);
        Assert.True(a.Mean[2] + a.Mean[3] > a.Mean[0] + a.Mean[1], "Petal length and width carry iris; sepal measurements far less.");
    }
}
