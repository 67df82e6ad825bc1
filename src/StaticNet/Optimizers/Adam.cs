using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// Adam, with Keras's defaults and Keras's update (Kingma and Ba's "epsilon hat" form):
/// <code>
/// t  ← t + 1
/// m  ← β1·m + (1 − β1)·g
/// v  ← β2·v + (1 − β2)·g²
/// θ  ← θ − lr·sqrt(1 − β2^t)/(1 − β1^t) · m / (sqrt(v) + ε)
/// </code>
/// PyTorch adds ε to the bias-corrected <c>sqrt(v̂)</c> instead; the two agree except when <c>sqrt(v)</c> is near ε.
/// </summary>
/// <param name="learningRate">The step size (Keras's default 0.001).</param>
/// <param name="beta1">Decay of the first moment.</param>
/// <param name="beta2">Decay of the second moment.</param>
/// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
public sealed class Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f) : IOptimizer
{
    private float[] _m = [];
    private float[] _v = [];

    /// <summary>Adam whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule, e.g. <see cref="ExponentialDecay"/> or <see cref="CosineDecay"/>.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
    public Adam(LearningRateSchedule learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : this(Hyperparameters.InitialRate(learningRate, nameof(learningRate)), beta1, beta2, epsilon)
    {
        Schedule = learningRate;
    }

    /// <summary>
    /// The step size: the constant given, or the schedule's rate for the next step. Setting it (as
    /// <see cref="ReduceLROnPlateau"/> and <see cref="LearningRateScheduler"/> do) is refused when the optimizer follows a schedule.
    /// </summary>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameters.SettableRate(Schedule, value, nameof(value));
    }

    /// <summary>The schedule the step size follows, or null for a constant one.</summary>
    public LearningRateSchedule? Schedule { get; }

    private float _learningRate = Hyperparameters.LearningRate(learningRate, nameof(learningRate));

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; } = Hyperparameters.Fraction(beta1, nameof(beta1));

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; } = Hyperparameters.Fraction(beta2, nameof(beta2));

    /// <summary>Added to <c>sqrt(v)</c>.</summary>
    public float Epsilon { get; } = Hyperparameters.Epsilon(epsilon, nameof(epsilon));

    /// <summary>How many steps have been taken.</summary>
    public long Iterations { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient) => Update(parameters, gradient, 1f);

    /// <inheritdoc/>
    public void Step(Span<float> parameters, Span<float> gradient, float gradientScale) => Update(parameters, gradient, gradientScale);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _m, parameters.Length, gradient.Length);
        OptimizerState.EnsureSize(ref _v, parameters.Length, gradient.Length);
        if (Schedule is not null)
        {
            _learningRate = Hyperparameters.ScheduledRate(Schedule, Iterations);
        }

        Iterations++;

        // The bias corrections are computed in double: β^t for large t underflows gracefully and stays exact enough.
        double t = Iterations;
        float stepSize = (float)(LearningRate * Math.Sqrt(1.0 - Math.Pow(Beta2, t)) / (1.0 - Math.Pow(Beta1, t)));
        var constants = new Constants(Beta1, Beta2, Epsilon, stepSize, gradientScale);
        ref float p0 = ref MemoryMarshal.GetReference(parameters);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        ref float m0 = ref MemoryMarshal.GetReference(_m.AsSpan());
        ref float v0 = ref MemoryMarshal.GetReference(_v.AsSpan());
        int n = parameters.Length;

        // Every path does the same float operations in the same order (scaling a gradient by 1 changes no bits), so the
        // result depends neither on the vector width of the machine nor on whether the gradient came pre-scaled. The three
        // vector loops are the same code at three widths (128 bits is what a Native AOT build has at its default
        // instruction set): the runtime has no public interface to write it once for all.
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
            {
                nuint k = (nuint)i;
                Vector512<float> g = Vector512.LoadUnsafe(ref g0, k) * constants.Scale;
                Vector512<float> m = constants.Beta1 * Vector512.LoadUnsafe(ref m0, k) + constants.OneMinusBeta1 * g;
                Vector512<float> v = constants.Beta2 * Vector512.LoadUnsafe(ref v0, k) + constants.OneMinusBeta2 * (g * g);
                m.StoreUnsafe(ref m0, k);
                v.StoreUnsafe(ref v0, k);
                (Vector512.LoadUnsafe(ref p0, k) - constants.StepSize * m / (Vector512.Sqrt(v) + Vector512.Create(constants.Epsilon))).StoreUnsafe(ref p0, k);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            {
                nuint k = (nuint)i;
                Vector256<float> g = Vector256.LoadUnsafe(ref g0, k) * constants.Scale;
                Vector256<float> m = constants.Beta1 * Vector256.LoadUnsafe(ref m0, k) + constants.OneMinusBeta1 * g;
                Vector256<float> v = constants.Beta2 * Vector256.LoadUnsafe(ref v0, k) + constants.OneMinusBeta2 * (g * g);
                m.StoreUnsafe(ref m0, k);
                v.StoreUnsafe(ref v0, k);
                (Vector256.LoadUnsafe(ref p0, k) - constants.StepSize * m / (Vector256.Sqrt(v) + Vector256.Create(constants.Epsilon))).StoreUnsafe(ref p0, k);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<float>.Count <= n; i += Vector128<float>.Count)
            {
                nuint k = (nuint)i;
                Vector128<float> g = Vector128.LoadUnsafe(ref g0, k) * constants.Scale;
                Vector128<float> m = constants.Beta1 * Vector128.LoadUnsafe(ref m0, k) + constants.OneMinusBeta1 * g;
                Vector128<float> v = constants.Beta2 * Vector128.LoadUnsafe(ref v0, k) + constants.OneMinusBeta2 * (g * g);
                m.StoreUnsafe(ref m0, k);
                v.StoreUnsafe(ref v0, k);
                (Vector128.LoadUnsafe(ref p0, k) - constants.StepSize * m / (Vector128.Sqrt(v) + Vector128.Create(constants.Epsilon))).StoreUnsafe(ref p0, k);
            }
        }

        for (; i < n; i++)
        {
            float g = Unsafe.Add(ref g0, i) * constants.Scale;
            float m = constants.Beta1 * Unsafe.Add(ref m0, i) + constants.OneMinusBeta1 * g;
            float v = constants.Beta2 * Unsafe.Add(ref v0, i) + constants.OneMinusBeta2 * (g * g);
            Unsafe.Add(ref m0, i) = m;
            Unsafe.Add(ref v0, i) = v;
            Unsafe.Add(ref p0, i) -= constants.StepSize * m / (MathF.Sqrt(v) + constants.Epsilon);
        }
    }

    private readonly record struct Constants(float Beta1, float Beta2, float Epsilon, float StepSize, float Scale)
    {
        public float OneMinusBeta1 => 1f - Beta1;

        public float OneMinusBeta2 => 1f - Beta2;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _m = [];
        _v = [];
        Iterations = 0;
    }
}
