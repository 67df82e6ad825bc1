using System.Globalization;

namespace StaticNet;

/// <summary>
/// Checks of optimizer hyperparameters at construction: a NaN learning rate would otherwise train every parameter into
/// NaN, and a negative one train uphill, without a word.
/// </summary>
internal static class Hyperparameters
{
    public static float LearningRate(float value, string name) =>
        float.IsFinite(value) && value > 0f ? value : throw Out(name, value, "The learning rate must be a finite number > 0");

    /// <summary>A schedule's starting rate, for the constructors that take one.</summary>
    public static float InitialRate(LearningRateSchedule schedule, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule, name);
        return LearningRate((float)schedule.InitialLearningRate, name);
    }

    /// <summary>
    /// A new constant rate, as callbacks set it between epochs: finite and ≥ 0 (a schedule may decay to 0, and
    /// <see cref="ReduceLROnPlateau"/> bottoms out there); refused while a schedule decides the rate (it would be
    /// overwritten at the next step).
    /// </summary>
    public static float SettableRate(LearningRateSchedule? schedule, float value, string name) =>
        schedule is not null
            ? throw new InvalidOperationException(
                $"This optimizer follows a {schedule.GetType().Name} schedule, so its learning rate cannot be set. Use a constant rate with callbacks that set it (ReduceLROnPlateau, LearningRateScheduler).")
            : float.IsFinite(value) && value >= 0f
            ? Flushed(value)
            : throw Out(name, value, "The learning rate must be a finite number ≥ 0");

    /// <summary>
    /// A rate as a float, 0 where it falls below float's normal range: a subnormal rate would make every update subnormal,
    /// which costs a microcode assist per operation on Intel processors, for steps too small to change any parameter.
    /// </summary>
    public static float Flushed(double rate) => rate < SmallestNormal ? 0f : (float)rate;

    /// <summary>float's smallest normal number, 2⁻¹²⁶.</summary>
    private const float SmallestNormal = 1.17549435E-38f;

    /// <summary>Refuses, before training, a callback that sets the rate of an optimizer whose schedule decides it.</summary>
    public static void RequireSettableRate(IOptimizer optimizer, string callback)
    {
        if (optimizer is Optimizer { Schedule: { } schedule })
        {
            throw new InvalidOperationException(
                $"{callback} sets the optimizer's learning rate between epochs, but the optimizer follows a {schedule.GetType().Name} schedule, which decides the rate at every step. Give the optimizer a constant rate, or drop {callback}.");
        }
    }

    /// <summary>The schedule's rate for the step after <paramref name="step"/> steps: finite and ≥ 0 (a cosine decays to exactly 0).</summary>
    public static float ScheduledRate(LearningRateSchedule schedule, long step)
    {
        float rate = (float)schedule.LearningRateAt(step);
        return float.IsFinite(rate) && rate >= 0f
            ? rate
            : throw new InvalidOperationException(
                $"The {schedule.GetType().Name} schedule gave the learning rate {rate.ToString("R", CultureInfo.InvariantCulture)} at step {step}; a rate must be finite and ≥ 0.");
    }

    /// <summary>β1, β2, ρ and momentum: in [0, 1).</summary>
    public static float Fraction(float value, string name) =>
        value is >= 0f and < 1f ? value : throw Out(name, value, $"{Describe(name)} must be in [0, 1)");

    /// <summary>The Adam family's β1, β2 (each in [0, 1)) and ε (finite, > 0).</summary>
    public static (float Beta1, float Beta2, float Epsilon) Moments(float beta1, float beta2, float epsilon) =>
        (Fraction(beta1, nameof(beta1)), Fraction(beta2, nameof(beta2)), Epsilon(epsilon, nameof(epsilon)));

    /// <summary>Weight decay and Adagrad's initial accumulator: finite and ≥ 0.</summary>
    public static float NonNegative(float value, string name) =>
        float.IsFinite(value) && value >= 0f ? value : throw Out(name, value, $"{Describe(name)} must be a finite number ≥ 0");

    public static float Epsilon(float value, string name) =>
        float.IsFinite(value) && value > 0f ? value : throw Out(name, value, "Epsilon must be a finite number > 0");

    private static ArgumentOutOfRangeException Out(string name, float value, string rule) =>
        InvariantErrors.OutOfRange(name, value, $"{rule}, but is {value.ToString("R", CultureInfo.InvariantCulture)}.");

    private static string Describe(string name) => name switch
    {
        "beta1" => "β1 (beta1)",
        "beta2" => "β2 (beta2)",
        "momentum" => "Momentum",
        "rho" => "ρ (rho)",
        "weightDecay" => "The weight decay",
        "initialAccumulatorValue" => "The initial accumulator value",
        _ => name,
    };
}
