namespace StaticNet;

/// <summary>
/// A learning rate that changes with the optimizer's step count, as Keras's <c>keras.optimizers.schedules</c>: give one to
/// an optimizer (<c>new Adam(new CosineDecay(0.01, decaySteps: 1000))</c>) and it reads the rate before every step,
/// with no callback. To change the rate once per epoch instead, use the <see cref="LearningRateScheduler"/> callback.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate at step 0.</summary>
    public abstract double InitialLearningRate { get; }

    /// <summary>The learning rate for the step that follows <paramref name="step"/> completed steps (0 for the first).</summary>
    public abstract double LearningRateAt(long step);

    /// <summary>Checks a schedule's starting rate: finite and positive.</summary>
    private protected static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw InvariantErrors.OutOfRange(name, value, "A learning rate must be finite and positive.");

    /// <summary>Checks a count of steps: positive.</summary>
    private protected static long PositiveSteps(long value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
