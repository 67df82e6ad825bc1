using StaticNet.Tests.Numerics;

namespace StaticNet.Tests.Layers;

/// <summary>Seeded batches for a network, and the random draws (masks, noise, flips) a training step makes.</summary>
internal static class LayerTestData
{
    /// <summary>
    /// A training step of <paramref name="count"/> samples and a one-sample <c>Forward</c>: once warm, together they
    /// allocate nothing.
    /// </summary>
    public static void AssertStepAllocatesNothing(INetwork network, int count)
    {
        var (inputs, targets) = Batch(network, count, seed: 2);
        TrainingWorkspace workspace = network.CreateWorkspace(count);
        var gradient = new float[network.ParameterCount];
        var predictions = new float[count * network.OutputSize];
        var output = new float[network.OutputSize];
        Allocations.AssertNoneOnceWarm(() =>
        {
            network.TrainBatch(inputs, targets, count, gradient, predictions, workspace);
            network.Forward(inputs.AsSpan(0, network.InputSize), output);
        }, callsPerWindow: 1);
    }

    /// <summary>
    /// A training step of <paramref name="count"/> samples against the double reference: its loss to 1e-5 and its gradient
    /// by finite differences of the reference's loss. Returns the step's gradient.
    /// </summary>
    public static float[] AssertStepMatchesReference(INetwork network, float[] inputs, float[] targets, int count, string name)
    {
        var gradient = new float[network.ParameterCount];
        float loss = network.TrainBatch(inputs, targets, count, gradient, new float[count * network.OutputSize], network.CreateWorkspace(count));
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(network, theta, [], Doubles(inputs), Doubles(targets), count, training: true, masks: null);
        double[] parameters = Doubles(network.Parameters);
        Assert.Equal(Loss(parameters), loss, Math.Max(1e-5 * Math.Abs(loss), 1e-5));
        FiniteDifferences.AssertGradient(network, gradient, parameters, Loss, name);
        return gradient;
    }

    /// <summary>
    /// <c>Forward</c> over a batch of <paramref name="count"/> and one sample at a time, each against the double reference
    /// to 1e-5 (the batch passes order their sums differently).
    /// </summary>
    public static void AssertForwardMatchesReference(INetwork network, float[] inputs, int count)
    {
        var batch = new float[count * network.OutputSize];
        network.Forward(inputs, batch, count);
        double[] expected = ReferenceMlp.Outputs(network, Doubles(network.Parameters), [], Doubles(inputs), count, training: false, masks: null);
        var one = new float[network.OutputSize];
        for (int s = 0; s < count; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), one);
            for (int j = 0; j < one.Length; j++)
            {
                Assert.Equal(expected[s * one.Length + j], one[j], 1e-5);
                Assert.Equal(expected[s * one.Length + j], batch[s * one.Length + j], 1e-5);
            }
        }
    }

    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int count, int seed)
    {
        var random = new SeededRandom(seed);
        float[] inputs = Enumerable.Range(0, count).SelectMany(_ => NetworkCases.Input(network, random)).ToArray();
        float[] targets = Enumerable.Range(0, count).SelectMany(_ => NetworkCases.Target(network, random)).ToArray();
        return (inputs, targets);
    }

    /// <summary>
    /// What a training step of <paramref name="count"/> samples (one tile) draws from a workspace seeded with
    /// <paramref name="seed"/>, layer by layer from the one stream, by layer index: each dropout layer's mask (count ×
    /// units), each Gaussian noise layer's noise (count × units, scaled by its stddev) each RandomFlip layer's flips
    /// (one per sample) and each RandomTranslation layer's shifts (two per sample), as <c>ReferenceMlp</c> takes them.
    /// </summary>
    public static Dictionary<int, float[]> Draws(INetwork network, int count, long seed)
    {
        var random = new SeededRandom(seed);
        var draws = new Dictionary<int, float[]>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            switch (network.Layers[l])
            {
                case DropoutLayerInfo { Rate: > 0 } dropout:
                    draws[l] = new float[count * dropout.OutputSize];
                    DropoutReference.FillMask(draws[l], dropout.Rate, random);
                    break;
                case GaussianNoiseLayerInfo { Stddev: > 0 } noise:
                    var standard = new float[count * noise.OutputSize];
                    GaussianNoiseReference.FillStandardNormal(standard, random);
                    draws[l] = standard.Select(e => e * noise.Stddev).ToArray();
                    break;
                case RandomFlipLayerInfo flip:
                    int size = flip.InputSize;
                    draws[l] = new float[count];
                    RandomFlipReference.Forward(new float[count * size], new float[count * size], draws[l], count, flip.InputShape[0], flip.InputShape[1], flip.InputShape[2], flip.Mode, random, training: true);
                    break;
                case RandomTranslationLayerInfo shift:
                    draws[l] = new float[2 * count];
                    RandomTranslationReference.Forward(new float[count * shift.InputSize], new float[count * shift.InputSize], draws[l], count, shift.InputShape[0], shift.InputShape[1], shift.InputShape[2], shift.HeightFactor, shift.WidthFactor, shift.FillMode, shift.Interpolation, shift.FillValue, random, training: true);
                    break;
            }
        }

        return draws;
    }

    public static double[] Doubles(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    /// <summary>
    /// An augmentation network against the double reference: one sample's <c>Forward</c> (the identity in inference), then
    /// a training step of 6 samples with the draws replayed from the workspace's seed (augmentation layers 0 and 2), its
    /// loss and, by finite differences, its gradient. <paramref name="checkDraws"/> looks at the draws before the step.
    /// Returns the step's batch, loss and gradient.
    /// </summary>
    public static (float[] Inputs, float[] Targets, float Loss, float[] Gradient) AssertAugmentationAgreesWithReference(INetwork net, string name, Action<Dictionary<int, float[]>>? checkDraws = null)
    {
        var (inputs, targets) = Batch(net, 6, seed: 5);
        double[] parameters = Doubles(net.Parameters);
        var output = new float[net.OutputSize];
        net.Forward(inputs.AsSpan(0, net.InputSize), output);
        double[] expected = ReferenceMlp.Outputs(net, parameters, [], Doubles(inputs.AsSpan(0, net.InputSize)), 1, training: false, masks: null);
        Assert.Equal(expected.Select(v => (float)v), output, (a, b) => Math.Abs(a - b) <= 1e-5f);

        var gradient = new float[net.ParameterCount];
        float loss = net.TrainBatch(inputs, targets, 6, gradient, new float[6 * net.OutputSize], net.CreateWorkspace(6, seed: 9));
        Dictionary<int, float[]> draws = Draws(net, 6, seed: 9);
        Assert.Equal([0, 2], draws.Keys);
        checkDraws?.Invoke(draws);
        double Loss(double[] theta) => ReferenceMlp.BatchLoss(net, theta, [], Doubles(inputs), Doubles(targets), 6, training: true, masks: l => draws[l]);
        Assert.Equal(Loss(parameters), loss, 1e-4);
        FiniteDifferences.AssertGradient(net, gradient, parameters, Loss, name);
        return (inputs, targets, loss, gradient);
    }
}
