namespace StaticNet;

/// <summary>
/// Step decay (PyTorch's <c>StepLR</c>; in Keras, <c>ExponentialDecay(…, staircase=True)</c> or the step function its
/// <c>LearningRateScheduler</c> examples write): the rate is multiplied by <paramref name="factor"/> every
/// <paramref name="stepSize"/> steps, <c>initial · factor^⌊step / stepSize⌋</c>. With <see cref="LearningRateScheduler"/>
/// the steps are epochs.
/// </summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="stepSize">Steps between drops.</param>
/// <param name="factor">The factor at each drop (PyTorch's <c>gamma</c>), in (0, 1].</param>
public sealed class StepDecay(double initialLearningRate, long stepSize, double factor = 0.1) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double InitialLearningRate { get; } = Positive(initialLearningRate, nameof(initialLearningRate));

    /// <summary>Steps between drops.</summary>
    public long StepSize { get; } = PositiveSteps(stepSize, nameof(stepSize));

    /// <summary>The factor at each drop.</summary>
    public double Factor { get; } = factor is > 0 and <= 1 ? factor : throw InvariantErrors.OutOfRange(nameof(factor), factor, "The factor must be in (0, 1].");

    /// <inheritdoc/>
    public override double LearningRateAt(long step) => InitialLearningRate * Math.Pow(Factor, Math.Max(step, 0) / StepSize);
}
