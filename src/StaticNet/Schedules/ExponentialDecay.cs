namespace StaticNet;

/// <summary>
/// Keras's <c>ExponentialDecay</c>: <c>initial · decayRate^(step / decaySteps)</c>, with the exponent rounded down when
/// <paramref name="staircase"/> (the rate then drops by <paramref name="decayRate"/> every <paramref name="decaySteps"/> steps).
/// </summary>
/// <param name="initialLearningRate">The rate at step 0.</param>
/// <param name="decaySteps">Steps over which the rate is multiplied by <paramref name="decayRate"/> once.</param>
/// <param name="decayRate">The factor per <paramref name="decaySteps"/>, in (0, 1] to decay.</param>
/// <param name="staircase">Whether the rate falls in steps rather than smoothly.</param>
public sealed class ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double InitialLearningRate { get; } = Positive(initialLearningRate, nameof(initialLearningRate));

    /// <summary>Steps over which the rate is multiplied by <see cref="DecayRate"/> once.</summary>
    public long DecaySteps { get; } = PositiveSteps(decaySteps, nameof(decaySteps));

    /// <summary>The factor per <see cref="DecaySteps"/>.</summary>
    public double DecayRate { get; } = double.IsFinite(decayRate) && decayRate > 0
        ? decayRate
        : throw InvariantErrors.OutOfRange(nameof(decayRate), decayRate, "The decay rate must be finite and positive.");

    /// <summary>Whether the rate falls in steps.</summary>
    public bool Staircase { get; } = staircase;

    /// <inheritdoc/>
    public override double LearningRateAt(long step)
    {
        double exponent = (double)Math.Max(step, 0) / DecaySteps;
        return InitialLearningRate * Math.Pow(DecayRate, Staircase ? Math.Floor(exponent) : exponent);
    }
}
