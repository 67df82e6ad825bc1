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
    private GradientClipping? _clipping;

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

    /// <summary>
    /// Keras's <c>clipnorm</c>: each tensor's gradient (each kernel, each bias) is scaled down to this L2 norm when its
    /// norm is larger, as <c>g · clipNorm / max(‖g‖, clipNorm)</c>; null for none. One of <see cref="ClipNorm"/>,
    /// <see cref="GlobalClipNorm"/> and <see cref="ClipValue"/> may be set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and &gt; 0.</exception>
    /// <exception cref="ArgumentException">Another clipping is already set.</exception>
    public float? ClipNorm
    {
        get => _clipping?.ClipNorm;
        init => SetClipping(nameof(ClipNorm), value);
    }

    /// <summary>
    /// Keras's <c>global_clipnorm</c>: the whole gradient (every tensor together) is scaled down to this L2 norm when its
    /// norm is larger, as PyTorch's <c>clip_grad_norm_</c> (without its 1e-6); null for none. The usual choice for
    /// recurrent networks, whose gradients can explode through time.
    /// </summary>
    /// <inheritdoc cref="ClipNorm"/>
    public float? GlobalClipNorm
    {
        get => _clipping?.GlobalClipNorm;
        init => SetClipping(nameof(GlobalClipNorm), value);
    }

    /// <summary>Keras's <c>clipvalue</c>: each gradient value is clipped to [−clipValue, clipValue]; null for none.</summary>
    /// <inheritdoc cref="ClipNorm"/>
    public float? ClipValue
    {
        get => _clipping?.ClipValue;
        init => SetClipping(nameof(ClipValue), value);
    }

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

    /// <summary>
    /// Tells the optimizer where each of <paramref name="network"/>'s trainable tensors lies, which <see cref="ClipNorm"/>
    /// needs (it clips each tensor on its own). <c>Fit</c> calls it; a training loop of your own that calls
    /// <see cref="Step(Span{float}, ReadOnlySpan{float})"/> with <see cref="ClipNorm"/> set calls it once first.
    /// </summary>
    public void UseTensorsOf(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (_clipping is { ClipNorm: not null })
        {
            _clipping.UseTensorsOf(network);
        }
    }

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

        if (_clipping is not null)
        {
            gradientScale = _clipping.Apply(gradient, gradientScale, out gradient);
        }

        Iterations++;
        Update(parameters, gradient, gradientScale);
    }

    private void SetClipping(string name, float? value)
    {
        if (value is float limit)
        {
            _clipping = GradientClipping.Create(_clipping, name, limit);
        }
    }

    /// <summary>
    /// Step <see cref="Iterations"/> (counted from 1) at <see cref="LearningRate"/>: updates <paramref name="parameters"/> and
    /// the state from <paramref name="gradient"/> × <paramref name="gradientScale"/>. The lengths are already checked equal.
    /// </summary>
    private protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale);

    /// <summary>Forgets the per-parameter state.</summary>
    private protected abstract void ClearState();
}
