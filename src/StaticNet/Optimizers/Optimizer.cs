namespace StaticNet;

/// <summary>
/// What StaticNet's optimizers share, as Keras's <c>keras.optimizers.Optimizer</c>: a learning rate that is a constant
/// (callbacks may set it between epochs) or follows a <see cref="LearningRateSchedule"/> read before every step, a step
/// count, and a per-parameter state made on the first step. Each optimizer writes only its update rule. To bring your own
/// optimizer, implement <see cref="IOptimizer"/>.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private float _learningRate;

    private protected Optimizer(float learningRate)
    {
        _learningRate = Hyperparameters.LearningRate(learningRate, nameof(learningRate));
    }

    private protected Optimizer(LearningRateSchedule learningRate)
        : this(Hyperparameters.InitialRate(learningRate, nameof(learningRate)))
    {
        Schedule = learningRate;
    }

    /// <summary>
    /// The step size: the constant given, or the schedule's rate for the next step. Setting it (as
    /// <see cref="ReduceLROnPlateau"/> and <see cref="LearningRateScheduler"/> do) is refused when the optimizer follows a
    /// schedule. 0 is allowed (a decay may end there); a value below float's normal range is taken as 0.
    /// </summary>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameters.SettableRate(Schedule, value, nameof(value));
    }

    /// <summary>The schedule the step size follows, or null for a constant one.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>How many steps have been taken.</summary>
    public long Iterations { get; private set; }

    /// <summary>The optimizer's per-parameter state (moments, velocities, accumulators), each one value per parameter; empty before the first step.</summary>
    internal abstract IReadOnlyList<float[]> State { get; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient) => Advance(parameters, gradient, 1f);

    /// <summary>
    /// Applies one update from <paramref name="gradient"/> × <paramref name="gradientScale"/>, with the scaling folded into the
    /// update's own pass (the same bits as scaling first); <paramref name="gradient"/> is left as it was.
    /// </summary>
    public void Step(Span<float> parameters, Span<float> gradient, float gradientScale) => Advance(parameters, gradient, gradientScale);

    /// <inheritdoc/>
    public void Reset()
    {
        Iterations = 0;
        ClearState();
    }

    private void Advance(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        if (gradient.Length != parameters.Length)
        {
            ShapeGuard.ThrowLength(nameof(gradient), parameters.Length, gradient.Length, "the parameter count");
        }

        if (Schedule is not null)
        {
            _learningRate = Hyperparameters.ScheduledRate(Schedule, Iterations);
        }

        Iterations++;
        Update(parameters, gradient, gradientScale);
    }

    /// <summary>
    /// Step <see cref="Iterations"/> (counted from 1) at <see cref="LearningRate"/>: updates <paramref name="parameters"/> and
    /// the state from <paramref name="gradient"/> × <paramref name="gradientScale"/>. The lengths are already checked equal.
    /// </summary>
    private protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale);

    /// <summary>Forgets the per-parameter state.</summary>
    private protected abstract void ClearState();
}
