namespace StaticNet;

/// <summary>
/// The base of <see cref="Precision"/>, <see cref="Recall"/> and <see cref="F1Score"/>: a confusion matrix counted over the
/// batches and scored with scikit-learn's definitions (see <see cref="ConfusionMatrix"/>).
/// </summary>
public abstract class ConfusionMatrixMetric : Metric
{
    private ConfusionMatrix? _matrix;
    private ClassLabels _labels;

    private protected ConfusionMatrixMetric(Average average, string? name)
        : base(name)
    {
        if (!Enum.IsDefined(average))
        {
            throw new ArgumentOutOfRangeException(nameof(average), average, "Unknown average.");
        }

        Average = average;
    }

    /// <summary>How the classes combine.</summary>
    public Average Average { get; }

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <summary>The counts so far.</summary>
    public ConfusionMatrix Matrix => _matrix ?? throw new InvalidOperationException("The metric has not been bound to a network yet.");

    /// <inheritdoc/>
    protected internal override void Bind(Loss loss, int outputs)
    {
        base.Bind(loss, outputs);
        _labels = ClassLabelsFor(loss, outputs);
        if (Average == Average.Binary && _labels.Classes != 2)
        {
            throw new InvalidOperationException(
                $"{Name} with Average.Binary scores class 1 of a two-class problem, but the network has {_labels.Classes} classes: pass Average.Macro, Micro or Weighted.");
        }

        _matrix = new ConfusionMatrix(_labels.Classes);
    }

    /// <inheritdoc/>
    public override void Reset() => _matrix?.Clear();

    /// <inheritdoc/>
    public override void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count) => Matrix.Add(_labels, predictions, targets, count);
}

/// <summary>Precision, tp / (tp + fp): Keras's <c>Precision</c>, scikit-learn's <c>precision_score</c>.</summary>
/// <param name="average">How classes combine; <see cref="Average.Binary"/> (class 1) for two classes.</param>
/// <param name="name">The History key (default <c>precision</c>).</param>
public sealed class Precision(Average average = Average.Binary, string? name = null) : ConfusionMatrixMetric(average, name)
{
    /// <inheritdoc/>
    protected override string DefaultName => "precision";

    /// <inheritdoc/>
    public override double Result() => Matrix.Precision(Average);
}

/// <summary>Recall, tp / (tp + fn): Keras's <c>Recall</c>, scikit-learn's <c>recall_score</c>.</summary>
/// <param name="average">How classes combine; <see cref="Average.Binary"/> (class 1) for two classes.</param>
/// <param name="name">The History key (default <c>recall</c>).</param>
public sealed class Recall(Average average = Average.Binary, string? name = null) : ConfusionMatrixMetric(average, name)
{
    /// <inheritdoc/>
    protected override string DefaultName => "recall";

    /// <inheritdoc/>
    public override double Result() => Matrix.Recall(Average);
}

/// <summary>F1, the harmonic mean of precision and recall: Keras's <c>F1Score</c>, scikit-learn's <c>f1_score</c>.</summary>
/// <param name="average">How classes combine; <see cref="Average.Binary"/> (class 1) for two classes.</param>
/// <param name="name">The History key (default <c>f1_score</c>).</param>
public sealed class F1Score(Average average = Average.Binary, string? name = null) : ConfusionMatrixMetric(average, name)
{
    /// <inheritdoc/>
    protected override string DefaultName => "f1_score";

    /// <inheritdoc/>
    public override double Result() => Matrix.F1Score(Average);
}
