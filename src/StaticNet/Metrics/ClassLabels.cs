namespace StaticNet;

/// <summary>
/// How a loss's outputs and targets become class decisions: the most probable class against the class index (sparse) or
/// the one-hot target's class (categorical); for binary cross-entropy, each unit on either side of 0.5 (Keras's threshold),
/// one two-class decision per unit.
/// </summary>
internal readonly record struct ClassLabels(Loss Loss, int Classes, int DecisionsPerSample)
{
    public static ClassLabels For(Loss loss, int outputs) => loss switch
    {
        Loss.SparseCategoricalCrossEntropy or Loss.CategoricalCrossEntropy => new(loss, outputs, 1),
        Loss.BinaryCrossEntropy => new(loss, 2, outputs),
        _ => throw new InvalidOperationException(
            $"Class metrics need a classification loss (binary, categorical or sparse categorical cross-entropy), not {loss}."),
    };

    public int Actual(ReadOnlySpan<float> target, int unit) => Loss switch
    {
        Loss.SparseCategoricalCrossEntropy => (int)target[0],
        Loss.CategoricalCrossEntropy => Accuracy.ArgMax(target),
        _ => target[unit] > 0.5f ? 1 : 0,
    };

    public int Predicted(ReadOnlySpan<float> prediction, int unit) => Loss == Loss.BinaryCrossEntropy
        ? (prediction[unit] > 0.5f ? 1 : 0)
        : Accuracy.ArgMax(prediction);
}
