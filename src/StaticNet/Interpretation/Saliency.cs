namespace StaticNet;

/// <summary>
/// How a network's output depends on its inputs. <see cref="Saliency"/> is the gradient of one output with respect to
/// the input of one sample (from the network's generated <c>InputGradient</c>, what Keras users compute with
/// <c>GradientTape</c>); <see cref="PermutationImportance"/> is the drop in a score when a feature is shuffled, over a dataset.
/// </summary>
public static partial class Interpretation
{
    /// <summary>
    /// The gradient of output <paramref name="output"/> (a class's probability, for a classifier) with respect to each
    /// feature of <paramref name="input"/>: which features, nudged, move it most, and which way.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="input">One sample.</param>
    /// <param name="output">Which output (for a classifier, the class).</param>
    /// <param name="ofLogit">
    /// The gradient of the class's logit, its score before the softmax or sigmoid, rather than of its probability: what
    /// saliency maps usually show (Simonyan et al.). A confident prediction's probability barely moves, so its own gradient
    /// is close to 0 everywhere; its logit's is not. For an output without an activation the two are the same.
    /// </param>
    public static float[] Saliency(this INetwork network, ReadOnlySpan<float> input, int output, bool ofLogit = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        var gradient = new float[network.InputSize];
        network.InputGradient(input, output, gradient, ofLogit);
        return gradient;
    }

    /// <summary>
    /// The mean absolute saliency of output <paramref name="output"/> over every sample of <paramref name="data"/>, per
    /// feature: a global view of which inputs the output is sensitive to.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="data">The samples.</param>
    /// <param name="output">Which output (for a classifier, the class).</param>
    /// <param name="ofLogit">Of the logit rather than the probability (see <see cref="Saliency"/>).</param>
    public static float[] MeanAbsoluteSaliency(this INetwork network, Dataset data, int output, bool ofLogit = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var sum = new double[network.InputSize];
        var gradient = new float[network.InputSize];
        for (int i = 0; i < data.Count; i++)
        {
            network.InputGradient(data.FeaturesOf(i), output, gradient, ofLogit);
            for (int f = 0; f < gradient.Length; f++)
            {
                sum[f] += Math.Abs(gradient[f]);
            }
        }

        return sum.Select(s => (float)(s / Math.Max(data.Count, 1))).ToArray();
    }
}
