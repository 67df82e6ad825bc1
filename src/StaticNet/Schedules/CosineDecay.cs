namespace StaticNet;

/// <summary>
/// Keras's <c>CosineDecay</c> (Loshchilov and Hutter's SGDR without restarts): over <paramref name="decaySteps"/> steps the rate
/// falls from <paramref name="initialLearningRate"/> along half a cosine to <c>alpha · initial</c>, and stays there:
/// <c>initial · ((1 − alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha)</c>.
/// </summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="decaySteps">Steps to decay over.</param>
/// <param name="alpha">The final rate as a fraction of the initial one, in [0, 1].</param>
public sealed class CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0.0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double InitialLearningRate { get; } = Positive(initialLearningRate, nameof(initialLearningRate));

    /// <summary>Steps to decay over.</summary>
    public long DecaySteps { get; } = PositiveSteps(decaySteps, nameof(decaySteps));

    /// <summary>The final rate as a fraction of the initial one.</summary>
    public double Alpha { get; } = alpha is >= 0 and <= 1 ? alpha : throw InvariantErrors.OutOfRange(nameof(alpha), alpha, "Alpha must be in [0, 1].");

    /// <inheritdoc/>
    public override double LearningRateAt(long step)
    {
        double progress = (double)Math.Clamp(step, 0, DecaySteps) / DecaySteps;
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return InitialLearningRate * ((1 - Alpha) * cosine + Alpha);
    }
}
