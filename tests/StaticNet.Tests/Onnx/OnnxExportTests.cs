using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using StaticNet.Onnx;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Onnx;

/// <summary>Every test network exported to ONNX and run by ONNX Runtime 1.31.1 gives Forward's outputs to 1e-5.</summary>
public class OnnxExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-onnx").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Networks => new([.. NetworkCases.AllNames, "DropoutNet", "BatchNormNet", "CombinedNet", "DropoutEdgesNet", "NoiseNet", "InputNormalizationNet", "LeakyReLUDropoutOutputNet", "ImageNormalizationNet", "SequenceFlattenNet", "ConvValidNet", "ConvSameStrideNet", "ConvDilatedNet", "PoolFirstNet", "LeNet5", "GlobalAverageNet", "GlobalMaxNet", "FlipNet", "ShiftNet", "Conv1DNet", "Conv1DGlobalNet", "ExponentialActivationsNet", "RefHiddenHardSigmoidNet", "RefOutputSoftplusNet", "SmoothActivationsNet", "EmbeddingBagNet", "EmbeddingConvNet", "EmbeddingFlatNet", "SimpleRnnNet", "GruNet", "LstmNet", "RecurrentStackNet", "BidirectionalNet", "TimeDistributedNet", "SequenceTaggerNet"]);

    private static INetwork Create(string name) => name switch
    {
        "NoiseNet" => new NoiseNet(3),
        "EmbeddingBagNet" => new EmbeddingBagNet(3),
        "EmbeddingConvNet" => new EmbeddingConvNet(3),
        "EmbeddingFlatNet" => new EmbeddingFlatNet(3),
        "SimpleRnnNet" => new SimpleRnnNet(3),
        "GruNet" => new GruNet(3),
        "LstmNet" => new LstmNet(3),
        "RecurrentStackNet" => new RecurrentStackNet(3),
        "TimeDistributedNet" => new TimeDistributedNet(3),
        "SequenceTaggerNet" => new SequenceTaggerNet(3),
        "BidirectionalNet" => new BidirectionalNet(3),
        "ConvValidNet" => new ConvValidNet(3),
        "ConvSameStrideNet" => new ConvSameStrideNet(3),
        "ConvDilatedNet" => new ConvDilatedNet(3),
        "PoolFirstNet" => new PoolFirstNet(3),
        "GlobalAverageNet" => new GlobalAverageNet(3),
        "GlobalMaxNet" => new GlobalMaxNet(3),
        "Conv1DNet" => new Conv1DNet(3),
        "Conv1DGlobalNet" => new Conv1DGlobalNet(3),
        "FlipNet" => new FlipNet(3),
        "ShiftNet" => new ShiftNet(3),
        "ExponentialActivationsNet" => new ExponentialActivationsNet(3),
        "RefHiddenHardSigmoidNet" => new RefHiddenHardSigmoidNet(3),
        "RefOutputSoftplusNet" => new RefOutputSoftplusNet(3),
        "SmoothActivationsNet" => new SmoothActivationsNet(3),
        "LeNet5" => new LeNet5(3),
        "ImageNormalizationNet" => new ImageNormalizationNet(3),
        "SequenceFlattenNet" => new SequenceFlattenNet(3),
        "InputNormalizationNet" => new InputNormalizationNet(3),
        "LeakyReLUDropoutOutputNet" => new LeakyReLUDropoutOutputNet(3),
        "DropoutNet" => new DropoutNet(3),
        "BatchNormNet" => new BatchNormNet(3),
        "CombinedNet" => new CombinedNet(3),
        "DropoutEdgesNet" => new DropoutEdgesNet(3),
        _ => NetworkCases.Create(name, seed: 3),
    };

    private static float[] RunOnnx(string path, float[] inputs, int count, int inputSize, int outputSize) =>
        RunOnnx(path, inputs, count, [inputSize], [outputSize]);

    /// <summary>
    /// Runs the model on <paramref name="count"/> samples of <paramref name="inputShape"/> (the batch dimension first), giving
    /// outputs of <paramref name="outputShape"/> (a sequence's steps × units for a network that returns one).
    /// </summary>
    private static float[] RunOnnx(string path, float[] inputs, int count, IReadOnlyList<int> inputShape, IReadOnlyList<int> outputShape)
    {
        using var session = new InferenceSession(path);
        Assert.Equal("input", session.InputMetadata.Keys.Single());
        Assert.Equal("output", session.OutputMetadata.Keys.Single());
        Assert.Equal([-1, .. inputShape], session.InputMetadata["input"].Dimensions);
        Assert.Equal([-1, .. outputShape], session.OutputMetadata["output"].Dimensions);
        var tensor = new DenseTensor<float>(inputs, [count, .. inputShape]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        return results.Single().AsEnumerable<float>().ToArray();
    }

    [Fact]
    public void Every_layer_kind_is_exported_by_a_network_these_tests_run()
    {
        // A new layer kind without an ONNX node fails here, not in a user's export: each kind the runtime describes is in
        // a network of the theory below, which ONNX Runtime checks against Forward.
        Type[] kinds = typeof(LayerInfo).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LayerInfo)) && !t.IsAbstract).ToArray();
        HashSet<Type> covered = ((IEnumerable<object[]>)Networks).Select(row => (string)row[0]).SelectMany(name => Create(name).Layers).Select(l => l.GetType()).ToHashSet();
        Assert.All(kinds, kind => Assert.Contains(kind, covered));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Onnx_runtime_gives_forwards_outputs(string name)
    {
        INetwork network = Create(name);
        var random = new SeededRandom(17);
        for (int i = 0; i < network.NonTrainableParameterCount; i++)
        {
            network.NonTrainableParameters[i] = 0.5f + random.NextSingle(); // moving statistics that matter
        }

        for (int i = 0; i < network.ParameterCount; i++)
        {
            network.Parameters[i] += 0.05f * (random.NextSingle() - 0.5f); // non-zero biases too
        }

        const int Count = 8;
        float[] inputs = Enumerable.Range(0, Count).SelectMany(_ => NetworkCases.Input(network, random)).ToArray(); // token ids for an embedding
        string path = Path.Combine(_folder, name + ".onnx");
        network.ExportOnnx(path);
        float[] onnx = RunOnnx(path, inputs, Count, network.Layers[0].InputShape, network.Layers[^1].OutputShape);

        var expected = new float[network.OutputSize];
        for (int s = 0; s < Count; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), expected);
            for (int o = 0; o < network.OutputSize; o++)
            {
                float actual = onnx[s * network.OutputSize + o];
                Assert.True(Math.Abs(actual - expected[o]) <= 1e-5 * Math.Max(1, Math.Abs(expected[o])), $"{name} sample {s} output {o}: ONNX {actual:R}, Forward {expected[o]:R}");
            }
        }
    }

    [Fact]
    public void A_scaler_exported_in_front_takes_raw_features()
    {
        Dataset raw = TestData.Iris();
        var (scaler, scaled) = StandardScaler.FitTransform(raw);
        var network = new IrisNet(1);
        network.Fit(scaled, epochs: 20, optimizer: new Adam(0.01f));
        string path = Path.Combine(_folder, "iris.onnx");
        network.ExportOnnx(path, scaler);
        float[] onnx = RunOnnx(path, raw.Features.ToArray(), raw.Count, 4, 3);
        for (int s = 0; s < raw.Count; s++)
        {
            float[] expected = network.Predict(scaler.Transform(raw.FeaturesOf(s)));
            for (int o = 0; o < 3; o++)
            {
                Assert.Equal(expected[o], onnx[s * 3 + o], 1e-5f);
            }
        }

        global::Onnx.ModelProto model = network.ToOnnx(scaler);
        Assert.Equal(OnnxExport.Opset, model.OpsetImport.Single().Version);
        Assert.Equal(["Sub", "Div", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax", "Identity"], model.Graph.Node.Select(n => n.OpType));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }
}
