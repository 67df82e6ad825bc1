namespace StaticNet;

/// <summary>
/// The area under the ROC curve of a binary classifier (Keras's <c>AUC</c>; computed exactly from every score of the epoch,
/// as scikit-learn's <c>roc_auc_score</c>, not from Keras's 200 thresholds). The score is the sigmoid output, or the
/// softmax probability of class 1 for a two-class softmax. NaN when the epoch saw only one class.
/// </summary>
/// <param name="name">The History key (default <c>auc</c>).</param>
public sealed class AUC(string? name = null) : Metric(name)
{
    private readonly List<float> _scores = [];
    private readonly List<int> _labels = [];
    private ClassLabels _classes;

    /// <inheritdoc/>
    protected override string DefaultName => "auc";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    protected internal override void Bind(Loss loss, int outputs)
    {
        base.Bind(loss, outputs);
        _classes = ClassLabelsFor(loss, outputs);
        bool binary = loss == Loss.BinaryCrossEntropy ? outputs == 1 : outputs == 2;
        if (!binary)
        {
            throw new InvalidOperationException($"{Name} scores a binary classifier (one sigmoid output or two softmax outputs), but the network has {outputs} outputs with {loss}.");
        }
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        _scores.Clear();
        _labels.Clear();
    }

    /// <inheritdoc/>
    public override void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count)
    {
        int targetSize = targets.Length / count;
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<float> p = predictions.Slice(k * Outputs, Outputs);
            _scores.Add(p[Outputs - 1]);
            _labels.Add(_classes.Actual(targets.Slice(k * targetSize, targetSize), 0));
        }
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (!_labels.Contains(0) || !_labels.Contains(1))
        {
            return double.NaN;
        }

        return ClassificationMetrics.RocAuc(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_labels), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_scores));
    }
}

/// <summary>
/// Whether the true class is among the <paramref name="k"/> most probable: Keras's <c>TopKCategoricalAccuracy</c> (and, for
/// sparse targets, <c>SparseTopKCategoricalAccuracy</c>, whose name it then takes), scikit-learn's <c>top_k_accuracy_score</c>.
/// </summary>
/// <param name="k">How many of the top classes count.</param>
/// <param name="name">The History key (default Keras's name for the loss's targets).</param>
public sealed class TopKCategoricalAccuracy(int k = 5, string? name = null) : Metric(name)
{
    private long _hits;
    private long _samples;
    private ClassLabels _classes;

    /// <summary>How many of the top classes count.</summary>
    public int K { get; } = k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive.");

    /// <inheritdoc/>
    protected override string DefaultName => Loss == Loss.SparseCategoricalCrossEntropy ? "sparse_top_k_categorical_accuracy" : "top_k_categorical_accuracy";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    protected internal override void Bind(Loss loss, int outputs)
    {
        base.Bind(loss, outputs);
        if (loss is not (Loss.SparseCategoricalCrossEntropy or Loss.CategoricalCrossEntropy))
        {
            throw new InvalidOperationException($"{Name} needs a softmax classifier (categorical or sparse categorical cross-entropy), not {loss}.");
        }

        _classes = ClassLabels.For(loss, outputs);
    }

    /// <inheritdoc/>
    public override void Reset() => (_hits, _samples) = (0, 0);

    /// <inheritdoc/>
    public override void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count)
    {
        int targetSize = targets.Length / count;
        for (int i = 0; i < count; i++)
        {
            int label = _classes.Actual(targets.Slice(i * targetSize, targetSize), 0);
            _hits += ClassificationMetrics.InTopK(predictions.Slice(i * Outputs, Outputs), label, K) ? 1 : 0;
        }

        _samples += count;
    }

    /// <inheritdoc/>
    public override double Result() => _samples == 0 ? 0 : (double)_hits / _samples;
}
