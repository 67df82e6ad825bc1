namespace StaticNet;

/// <summary>The base of the regression metrics: per-output sums of the outputs against targets of the same size.</summary>
public abstract class RegressionMetric : Metric
{
    private RegressionSums? _sums;

    private protected RegressionMetric(string? name)
        : base(name)
    {
    }

    private protected RegressionSums Sums => _sums ?? throw new InvalidOperationException("The metric has not been bound to a network yet.");

    /// <inheritdoc/>
    protected internal override void Bind(Loss loss, int outputs)
    {
        base.Bind(loss, outputs);
        if (loss == Loss.SparseCategoricalCrossEntropy)
        {
            throw new InvalidOperationException($"{Name} compares outputs with targets of the same size; sparse categorical targets are class indices.");
        }

        _sums = new RegressionSums(outputs);
    }

    /// <inheritdoc/>
    public override void Reset() => _sums?.Clear();

    /// <inheritdoc/>
    public override void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count) => Sums.Add(targets, predictions);
}

/// <summary>Mean absolute error: Keras's <c>MeanAbsoluteError</c>, scikit-learn's <c>mean_absolute_error</c>.</summary>
/// <param name="name">The History key (default <c>mean_absolute_error</c>).</param>
public sealed class MeanAbsoluteError(string? name = null) : RegressionMetric(name)
{
    /// <inheritdoc/>
    protected override string DefaultName => "mean_absolute_error";

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override double Result() => Sums.MeanAbsoluteError;
}

/// <summary>
/// Root mean squared error: Keras's <c>RootMeanSquaredError</c>, scikit-learn's <c>root_mean_squared_error</c> (with several
/// outputs, the mean of the per-output values, as scikit-learn).
/// </summary>
/// <param name="name">The History key (default <c>root_mean_squared_error</c>).</param>
public sealed class RootMeanSquaredError(string? name = null) : RegressionMetric(name)
{
    /// <inheritdoc/>
    protected override string DefaultName => "root_mean_squared_error";

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override double Result() => Sums.RootMeanSquaredError;
}

/// <summary>The coefficient of determination: Keras's <c>R2Score</c>, scikit-learn's <c>r2_score</c>.</summary>
/// <param name="name">The History key (default <c>r2_score</c>).</param>
public sealed class R2Score(string? name = null) : RegressionMetric(name)
{
    /// <inheritdoc/>
    protected override string DefaultName => "r2_score";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override double Result() => Sums.R2Score;
}
