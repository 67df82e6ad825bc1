using StaticNet.Generated;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>
/// The standalone Activation layer: Keras's <c>Dense(1)</c> then <c>Activation("sigmoid")</c> is the network
/// <c>Dense(1, sigmoid)</c>, bit for bit; hidden and first Activation layers against the double reference and finite
/// differences over a batch; described by kind, so a file from a network with another activation layer is refused.
/// </summary>
public class ActivationLayerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-activation").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Dense_then_a_sigmoid_layer_trains_the_same_bits_as_a_sigmoid_dense_layer()
    {
        var random = new SeededRandom(4);
        float[] x = Enumerable.Range(0, 200 * 4).Select(_ => (float)random.NextGaussian()).ToArray();
        float[] y = Enumerable.Range(0, 200).Select(s => x[s * 4] + 0.5f * x[s * 4 + 1] > 0 ? 1f : 0f).ToArray();
        var data = new Dataset(x, y, featureCount: 4, classCount: 2);

        var layer = new SigmoidLayerNet(seed: 9);
        var dense = new SigmoidDenseNet(seed: 9);
        Assert.Equal(dense.Parameters.ToArray(), layer.Parameters.ToArray());
        History a = layer.Fit(data, epochs: 8, batchSize: 16, optimizer: new Adam(0.01f), seed: 2);
        History b = dense.Fit(data, epochs: 8, batchSize: 16, optimizer: new Adam(0.01f), seed: 2);
        Assert.Equal(b["loss"], a["loss"]);
        Assert.Equal(dense.Parameters.ToArray(), layer.Parameters.ToArray());
        Assert.True(a["loss"][^1] < a["loss"][0] * 0.7, "The network learns the separable labels.");

        var outputA = new float[1];
        var outputB = new float[1];
        layer.Forward(x.AsSpan(0, 4), outputA);
        dense.Forward(x.AsSpan(0, 4), outputB);
        Assert.Equal(outputB[0], outputA[0]);
        Assert.InRange(outputA[0], 0f, 1f);
        Assert.Equal((dense.Evaluate(data).Loss, dense.Evaluate(data).Accuracy), (layer.Evaluate(data).Loss, layer.Evaluate(data).Accuracy));
    }

    /// <summary>
    /// Activation layers first, between and last (ActivationLayersNet); ELU, SELU, Softplus and HardSigmoid in every kind
    /// (ExponentialActivationsNet); GELU, SiLU and GELU's tanh form, whose backward passes read their inputs
    /// (SmoothActivationsNet): each over batches of 1, 8 and 29.
    /// </summary>
    public static TheoryData<string, int> ActivationNetworks => new()
    {
        { "ActivationLayersNet", 1 }, { "ActivationLayersNet", 8 }, { "ActivationLayersNet", 29 },
        { "ExponentialActivationsNet", 1 }, { "ExponentialActivationsNet", 8 }, { "ExponentialActivationsNet", 29 },
        { "SmoothActivationsNet", 1 }, { "SmoothActivationsNet", 8 }, { "SmoothActivationsNet", 29 },
    };

    [Theory]
    [MemberData(nameof(ActivationNetworks))]
    public void Activations_in_every_kind_and_position_match_finite_differences_over_a_batch(string name, int count)
    {
        INetwork net = name switch
        {
            "ActivationLayersNet" => new ActivationLayersNet(seed: 4),
            "ExponentialActivationsNet" => new ExponentialActivationsNet(seed: 4),
            _ => new SmoothActivationsNet(seed: 4),
        };
        var (inputs, targets) = Batch(net, count, seed: 5);
        var gradient = new float[net.ParameterCount];
        var predictions = new float[count * net.OutputSize];
        float loss = net.TrainBatch(inputs, targets, count, gradient, predictions, net.CreateWorkspace(count));
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), count, training: true, masks: null);
        double[] parameters = Doubles(net.Parameters);
        Assert.Equal(Loss(parameters), loss, Math.Max(1e-5 * Math.Abs(loss), 1e-5));
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, $"{name}, {count} samples");

        // The batch Forward and the training pass's predictions are the same bits; the one-sample Forward (its own code) agrees.
        var batch = new float[count * net.OutputSize];
        net.Forward(inputs, batch, count);
        Assert.Equal(predictions, batch);
        var one = new float[net.OutputSize];
        net.Forward(inputs.AsSpan(0, net.InputSize), one);
        for (int o = 0; o < net.OutputSize; o++)
        {
            Assert.Equal(batch[o], one[o], 1e-5f);
        }
    }

    [Fact]
    public void The_exponential_activations_are_kerass_at_their_edges()
    {
        // ELU and SELU below 0 approach −1 and −λα; e^z − 1 keeps a tiny negative z's digits; softplus neither overflows
        // nor loses a large negative z; hard sigmoid is relu6(z + 3) / 6 with its corners at ±3.
        Assert.Equal(-1f, Activations.Elu(-40f));
        Assert.Equal(-1e-7f, Activations.Elu(-1e-7f), 1e-13f);
        Assert.Equal(-Activations.SeluScale * Activations.SeluAlpha, Activations.Selu(-40f), 1e-6f);
        Assert.Equal(Activations.SeluScale * 2f, Activations.Selu(2f));
        Assert.Equal(100f, Activations.Softplus(100f));
        Assert.Equal(MathF.Exp(-50f), Activations.Softplus(-50f), 1e-28f);
        Assert.Equal(MathF.Exp(-50f), Activations.SoftplusBackward(1f, Activations.Softplus(-50f)), 1e-28f); // σ(z) ≈ e^z
        Assert.Equal([0f, 0f, 0.5f, 1f, 1f], new[] { -4f, -3f, 0f, 3f, 4f }.Select(Activations.HardSigmoid).ToArray());
        Assert.Equal(0f, Activations.HardSigmoidBackward(1f, Activations.HardSigmoid(-3f)));
        Assert.Equal(1f / 6f, Activations.HardSigmoidBackward(1f, Activations.HardSigmoid(2.9f)));
        Assert.Equal(1f - MathF.Exp(-Activations.Softplus(0.3f)), Activations.SoftplusBackward(1f, Activations.Softplus(0.3f)), 1e-7f);
        Assert.Equal(1f / (1f + MathF.Exp(-0.3f)), Activations.SoftplusBackward(1f, Activations.Softplus(0.3f)), 1e-6f);
    }

    [Fact]
    public void Lecun_initializers_have_kerass_spread()
    {
        // LecunNormal: truncated normal of standard deviation sqrt(1 / fanIn); LecunUniform: uniform in ±sqrt(3 / fanIn).
        var values = new float[200_000];
        Initializers.Fill(Initializer.LecunNormal, values, fanIn: 50, fanOut: 7, new SeededRandom(3));
        double std = Math.Sqrt(values.Average(v => (double)v * v));
        Assert.Equal(Math.Sqrt(1.0 / 50), std, 2e-3);
        Assert.True(values.Max(Math.Abs) <= 2 * Math.Sqrt(1.0 / 50) / 0.87962566103423978 + 1e-6);
        Initializers.Fill(Initializer.LecunUniform, values, fanIn: 50, fanOut: 7, new SeededRandom(3));
        Assert.Equal(Math.Sqrt(3.0 / 50), values.Max(Math.Abs), 1e-3);
        Assert.Equal(Math.Sqrt(1.0 / 50), Math.Sqrt(values.Average(v => (double)v * v)), 2e-3);
    }

    [Fact]
    public void The_reference_pass_applies_softmax_per_row_and_carries_its_jacobian()
    {
        float[] x = [1f, 2f, 3f, -1f, 0f, 1f];
        var y = new float[6];
        ActivationReference.Forward(x, y, count: 2, units: 3, Activation.Softmax, 0.2f);
        Assert.Equal(1f, y[0] + y[1] + y[2], 1e-6f);
        Assert.Equal(y[0], y[3], 1e-6f); // softmax is shift-invariant: row 2 is row 1 shifted by −2
        float[] gradient = [1f, 0f, 0f, 0f, 0f, 1f];
        var inputGradient = new float[6];
        ActivationReference.Backward(y, gradient, inputGradient, count: 2, units: 3, Activation.Softmax, 0.2f);
        Assert.Equal(y[0] * (1 - y[0]), inputGradient[0], 1e-6f); // ∂a₀/∂z₀
        Assert.Equal(-y[0] * y[1], inputGradient[1], 1e-6f);     // ∂a₀/∂z₁
        Assert.Equal(y[5] * (1 - y[5]), inputGradient[5], 1e-6f);

        ActivationReference.Forward([-2f, 3f], y.AsSpan(0, 2), count: 1, units: 2, Activation.LeakyReLU, 0.1f);
        Assert.Equal([-0.2f, 3f], y.AsSpan(0, 2).ToArray());
        Assert.Throws<ArgumentException>(() => ActivationReference.Forward(x, y.AsSpan(0, 5), count: 2, units: 3, Activation.ReLU, 0.2f));
    }

    [Fact]
    public void Layer_info_summary_and_architecture_describe_each_activation_layer()
    {
        var first = Assert.IsType<ActivationLayerInfo>(ActivationLayersNet.Layers[0]);
        Assert.Equal(("activation_1", "Activation", Activation.Tanh, 5, 5), (first.Name, first.Type, first.Activation, first.InputSize, first.OutputSize));
        Assert.Empty(first.Parameters);
        var leaky = Assert.IsType<ActivationLayerInfo>(ActivationLayersNet.Layers[2]);
        Assert.Equal((Activation.LeakyReLU, 0.1f), (leaky.Activation, leaky.NegativeSlope));
        Assert.Matches(@"\n activation_2 \(Activation\) +\(None, 8\) +0\n", ActivationLayersNet.Summary());
        Assert.Equal(
            "Input(5) → Activation(Tanh) → Dense(8, Linear) → Activation(LeakyReLU(0.1)) → Dense(3, Linear) → Activation(Softmax); loss SparseCategoricalCrossEntropy",
            ParameterFile.Architecture(new ActivationLayersNet(1)));
    }

    [Fact]
    public void Networks_that_differ_only_in_an_activation_layer_refuse_each_others_parameter_files()
    {
        var leaky = new ActivationLayersNet(seed: 1);
        var relu = new ActivationLayersTwinNet(seed: 1);
        Assert.Equal(ActivationLayersNet.ParameterCount, ActivationLayersTwinNet.ParameterCount);
        string path = Path.Combine(_folder, "leaky.snet");
        leaky.SaveParameters(path);
        var error = Assert.Throws<InvalidDataException>(() => relu.LoadParameters(path));
        Assert.Contains("Activation(LeakyReLU(0.1))", error.Message, StringComparison.Ordinal);
        Assert.Contains("Activation(ReLU)", error.Message, StringComparison.Ordinal);

        var again = new ActivationLayersNet(seed: 2);
        again.LoadParameters(path);
        Assert.Equal(leaky.Parameters.ToArray(), again.Parameters.ToArray());
    }
}
