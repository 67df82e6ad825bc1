using System.Globalization;

namespace StaticNet;

/// <summary>
/// <c>Fit</c>'s <c>sampleWeight</c> and <c>classWeight</c> as one weight per sample, as Keras combines them: a sample's weight is
/// its sample weight times its class's weight (1 where either is not given). The weighted loss follows Keras's
/// <c>sum_over_batch_size</c> reduction: each batch's loss and gradient are Σ wᵢ·lᵢ / batch size, not divided by Σ wᵢ (so
/// PyTorch's <c>CrossEntropyLoss(weight=…)</c>, which divides by Σ wᵢ, differs; its <c>reduction='none'</c> loss times the
/// weights, summed and divided by the batch size, is the same).
/// </summary>
internal static class SampleWeights
{
    public static float[]? Combine(INetwork network, Dataset data, IReadOnlyList<float>? sampleWeight, IReadOnlyDictionary<int, float>? classWeight)
    {
        if (sampleWeight is null && classWeight is null)
        {
            return null;
        }

        var weights = new float[data.Count];
        Array.Fill(weights, 1f);
        if (sampleWeight is not null)
        {
            if (sampleWeight.Count != data.Count)
            {
                throw new ArgumentException($"sampleWeight has {sampleWeight.Count} weights but the dataset has {data.Count} samples.", nameof(sampleWeight));
            }

            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = Check(sampleWeight[i], nameof(sampleWeight), $"Sample {i}");
            }
        }

        if (classWeight is not null)
        {
            ClassLabels labels = CheckClassWeight(network, classWeight);
            for (int i = 0; i < weights.Length; i++)
            {
                if (classWeight.TryGetValue(labels.Actual(data.TargetOf(i), 0), out float weight))
                {
                    weights[i] *= weight;
                }
            }
        }

        return weights;
    }

    /// <summary>Refuses class weights that cannot apply to <paramref name="network"/> (before any data is read); returns how its targets name classes.</summary>
    public static ClassLabels CheckClassWeight(INetwork network, IReadOnlyDictionary<int, float> classWeight)
    {
        if (!Accuracy.IsDefinedFor(network.Loss))
        {
            throw new ArgumentException($"classWeight needs a classification loss; {network.GetType().Name} is trained with {network.Loss}.", nameof(classWeight));
        }

        var labels = ClassLabels.For(network.Loss, network.OutputSize);
        if (labels.DecisionsPerSample != 1)
        {
            throw new ArgumentException($"classWeight needs one class per sample; {network.GetType().Name} has {network.OutputSize} independent sigmoid outputs.", nameof(classWeight));
        }

        foreach ((int label, float weight) in classWeight)
        {
            if ((uint)label >= (uint)labels.Classes)
            {
                throw new ArgumentException($"classWeight names class {label}, but the classes are 0..{labels.Classes - 1}.", nameof(classWeight));
            }

            Check(weight, nameof(classWeight), $"Class {label}");
        }

        return labels;
    }

    /// <summary>Keras's "balanced" class weights (scikit-learn's <c>compute_class_weight('balanced')</c>): samples / (classes × samples of the class).</summary>
    public static Dictionary<int, float> Balanced(INetwork network, Dataset data)
    {
        var labels = ClassLabels.For(network.Loss, network.OutputSize);
        var counts = new int[labels.Classes];
        for (int i = 0; i < data.Count; i++)
        {
            counts[labels.Actual(data.TargetOf(i), 0)]++;
        }

        return Enumerable.Range(0, labels.Classes)
            .Where(c => counts[c] > 0)
            .ToDictionary(c => c, c => (float)((double)data.Count / (labels.Classes * counts[c])));
    }

    private static float Check(float weight, string parameter, string what) =>
        float.IsFinite(weight) && weight >= 0
            ? weight
            : throw new ArgumentException($"{what} has the weight {weight.ToString("R", CultureInfo.InvariantCulture)}; a weight must be finite and ≥ 0.", parameter);
}
