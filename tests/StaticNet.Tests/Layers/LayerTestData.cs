
namespace StaticNet.Tests.Layers;

/// <summary>Seeded batches for a network, and the random draws (masks, noise, flips) a training step makes.</summary>
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
}
