using StaticNet.Tests.Networks;

namespace StaticNet.Tests;

/// <summary>The test networks, by name, with seeded inputs and targets that fit each loss.</summary>
public static class NetworkCases
{
    private static readonly Dictionary<string, Func<int, INetwork>> Factories = new()
    {
        [nameof(IrisNet)] = seed => new IrisNet(seed),
        [nameof(SingleUnitNet)] = seed => new SingleUnitNet(seed),
        [nameof(MseLinearNet)] = seed => new MseLinearNet(seed),
        [nameof(MseReLUNet)] = seed => new MseReLUNet(seed),
        [nameof(MseLeakyReLUNet)] = seed => new MseLeakyReLUNet(seed),
        [nameof(MseSigmoidNet)] = seed => new MseSigmoidNet(seed),
        [nameof(MseTanhNet)] = seed => new MseTanhNet(seed),
        [nameof(MseSoftmaxNet)] = seed => new MseSoftmaxNet(seed),
        [nameof(BinaryNet)] = seed => new BinaryNet(seed),
        [nameof(MultiLabelNet)] = seed => new MultiLabelNet(seed),
        [nameof(CategoricalNet)] = seed => new CategoricalNet(seed),
        [nameof(DeepNet)] = seed => new DeepNet(seed),
        [nameof(LoopClassifierNet)] = seed => new LoopClassifierNet(seed),
        [nameof(LoopBinaryNet)] = seed => new LoopBinaryNet(seed),
        [nameof(LoopCategoricalNet)] = seed => new LoopCategoricalNet(seed),
        [nameof(LoopRegressionNet)] = seed => new LoopRegressionNet(seed),
        [nameof(LoopReLUOutputNet)] = seed => new LoopReLUOutputNet(seed),
        [nameof(LoopTanhOutputNet)] = seed => new LoopTanhOutputNet(seed),
        [nameof(UnrolledIrisNet)] = seed => new UnrolledIrisNet(seed),
        [nameof(UnrolledMixedNet)] = seed => new UnrolledMixedNet(seed),
        [nameof(SimdMixedNet)] = seed => new SimdMixedNet(seed),
        [nameof(WideBatchNet)] = seed => new WideBatchNet(seed),
        [nameof(RegularizedNet)] = seed => new RegularizedNet(seed),
        [nameof(SigmoidLayerNet)] = seed => new SigmoidLayerNet(seed),
        [nameof(ActivationLayersNet)] = seed => new ActivationLayersNet(seed),
    };

    public static TheoryData<string> Names => new(Factories.Keys);

    /// <summary>Every network name, as a list.</summary>
    public static IReadOnlyList<string> AllNames => [.. Factories.Keys];

    public static INetwork Create(string name, int seed = 1) => Factories[name](seed);

    /// <summary>Standard-normal-ish inputs in roughly ±2; for a network that starts with an embedding, token ids it can look up.</summary>
    public static float[] Input(INetwork network, SeededRandom random)
    {
        var input = new float[network.InputSize];
        if (network.Layers[0] is EmbeddingLayerInfo embedding)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = random.NextInt(embedding.InputDim);
            }

            return input;
        }

        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextGaussian();
        }

        return input;
    }

    /// <summary>A target of the kind the network's loss takes.</summary>
    public static float[] Target(INetwork network, SeededRandom random)
    {
        var target = new float[network.TargetSize];
        switch (network.Loss)
        {
            case Loss.SparseCategoricalCrossEntropy:
                target[0] = random.NextInt(network.OutputSize);
                break;
            case Loss.CategoricalCrossEntropy:
                // A soft target (a probability vector), which exercises the general p·Σy − y gradient.
                float sum = 0;
                for (int i = 0; i < target.Length; i++)
                {
                    sum += target[i] = random.NextSingle() + 0.05f;
                }

                for (int i = 0; i < target.Length; i++)
                {
                    target[i] /= sum;
                }

                break;
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = i % 2 == 0 ? random.NextInt(2) : random.NextSingle();
                }

                break;
            default:
                bool bounded = network.Layers[^1] is DenseLayerInfo { Activation: Activation.Sigmoid or Activation.Softmax or Activation.Tanh };
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = bounded ? random.NextSingle() : (float)random.NextGaussian();
                }

                break;
        }

        return target;
    }
}
