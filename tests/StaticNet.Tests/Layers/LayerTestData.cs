
namespace StaticNet.Tests.Layers;

/// <summary>Seeded batches for a network, and the dropout masks a training step draws.</summary>
internal static class LayerTestData
{
    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int count, int seed)
    {
        var random = new SeededRandom(seed);
        float[] inputs = Enumerable.Range(0, count).SelectMany(_ => NetworkCases.Input(network, random)).ToArray();
        float[] targets = Enumerable.Range(0, count).SelectMany(_ => NetworkCases.Target(network, random)).ToArray();
        return (inputs, targets);
    }

    /// <summary>
    /// The masks a training step of <paramref name="count"/> samples (one tile) draws from a workspace seeded with
    /// <paramref name="seed"/>: each dropout layer in order, count × units values from the one stream.
    /// </summary>
    public static Dictionary<int, float[]> Masks(INetwork network, int count, long seed)
    {
        var random = new SeededRandom(seed);
        var masks = new Dictionary<int, float[]>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            if (network.Layers[l] is DropoutLayerInfo { Rate: > 0 } dropout)
            {
                masks[l] = new float[count * dropout.OutputSize];
                DropoutReference.FillMask(masks[l], dropout.Rate, random);
            }
        }

        return masks;
    }

    public static double[] Doubles(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();
}
