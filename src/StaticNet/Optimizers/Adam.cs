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
/// Two departures from exact arithmetic keep a long run at full speed on processors that slow down on subnormal floats
/// (Intel's): m and v are set to 0 when they fall below float's normal range, and a gradient too small for
/// <c>(1 − β2)·g²</c> to be a normal float (about 3e-18 at the default β2) is taken as 0. Neither moves a parameter by a
/// representable amount.
/// </summary>
/// <param name="learningRate">The step size (Keras's default 0.001).</param>
/// <param name="beta1">Decay of the first moment.</param>
/// <param name="beta2">Decay of the second moment.</param>
/// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
public sealed class Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f) : IOptimizer, IScheduledOptimizer
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

    /// <summary>The first moment m, one value per parameter (empty before the first step).</summary>
    internal ReadOnlySpan<float> FirstMoment => _m;

    /// <summary>The second moment v, one value per parameter (empty before the first step).</summary>
    internal ReadOnlySpan<float> SecondMoment => _v;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient) => Update(parameters, gradient, 1f);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        // result depends neither on the vector width of the machine nor on whether the gradient came pre-scaled. No value
        // here may become subnormal (Subnormals): once below float's normal range every operation on it would take Intel's
        // slow path at every step. Both moments are flushed to zero (a parameter whose gradient is always 0 has m decay by
        // β1 a step), and gradients too small to square are taken as 0 (Constants.GradientFloor).
        // A narrower width runs only where a whole vector of it is left, so its copy of the loop is not compiled for nothing.
        int i = 0;
        if (Width512.IsHardwareAccelerated)
        {
            i = UpdateVectors<Width512, Vector512<float>>(ref p0, ref g0, ref m0, ref v0, i, n, constants);
        }

        if (Width256.IsHardwareAccelerated && n - i >= Width256.Lanes)
        {
            i = UpdateVectors<Width256, Vector256<float>>(ref p0, ref g0, ref m0, ref v0, i, n, constants);
        }

        if (Width128.IsHardwareAccelerated && n - i >= Width128.Lanes)
        {
            i = UpdateVectors<Width128, Vector128<float>>(ref p0, ref g0, ref m0, ref v0, i, n, constants);
        }

        for (; i < n; i++)
        {
            float g = Subnormals.ZeroBelow(Unsafe.Add(ref g0, i) * constants.Scale, constants.GradientFloor);
            float m = Subnormals.Flush(constants.Beta1 * Unsafe.Add(ref m0, i) + constants.OneMinusBeta1 * g);
            float v = Subnormals.Flush(constants.Beta2 * Unsafe.Add(ref v0, i) + constants.OneMinusBeta2 * (g * g));
            Unsafe.Add(ref m0, i) = m;
            Unsafe.Add(ref v0, i) = v;
            Unsafe.Add(ref p0, i) -= constants.StepSize * m / (MathF.Sqrt(v) + constants.Epsilon);
        }
    }

    /// <summary>The update over whole vectors of <typeparamref name="TWidth"/> from index <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UpdateVectors<TWidth, TVector>(ref float p0, ref float g0, ref float m0, ref float v0, int i, int n, Constants constants)
        where TWidth : IVectorWidth<TVector>
        where TVector : struct
    {
        // The constants are vectors made once, outside the loop (the JIT does not hoist broadcasts out of it).
        TVector scale = TWidth.Create(constants.Scale);
        TVector beta1 = TWidth.Create(constants.Beta1);
        TVector oneMinusBeta1 = TWidth.Create(constants.OneMinusBeta1);
        TVector beta2 = TWidth.Create(constants.Beta2);
        TVector oneMinusBeta2 = TWidth.Create(constants.OneMinusBeta2);
        TVector stepSize = TWidth.Create(constants.StepSize);
        TVector epsilon = TWidth.Create(constants.Epsilon);
        TVector gradientFloor = TWidth.Create(constants.GradientFloor);
        TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
        for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
        {
            nuint k = (nuint)i;
            TVector g = TWidth.ZeroBelow(TWidth.Multiply(TWidth.Load(ref g0, k), scale), gradientFloor);
            TVector m = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta1, TWidth.Load(ref m0, k)), TWidth.Multiply(oneMinusBeta1, g)), smallestNormal);
            TVector v = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta2, TWidth.Load(ref v0, k)), TWidth.Multiply(oneMinusBeta2, TWidth.Multiply(g, g))), smallestNormal);
            TWidth.Store(m, ref m0, k);
            TWidth.Store(v, ref v0, k);
            TVector step = TWidth.Divide(TWidth.Multiply(stepSize, m), TWidth.Add(TWidth.Sqrt(v), epsilon));
            TWidth.Store(TWidth.Subtract(TWidth.Load(ref p0, k), step), ref p0, k);
        }

        return i;
    }

    private readonly record struct Constants(float Beta1, float Beta2, float Epsilon, float StepSize, float Scale)
    {
        /// <summary>
        /// The smallest gradient magnitude kept: below it <c>(1 − β2)·g²</c> would underflow float's normal range (taking the
        /// slow path on Intel at every step, as a trained network's gradients of 1e-18 do), and the gradient is taken as 0.
        /// What that drops is below float's resolution anyway: <c>v</c> would gain nothing, and the step from <c>m</c> would
        /// be under <c>lr · 1e-11</c>. Twice the exact bound, for the rounding of the products.
        /// </summary>
        public float GradientFloor { get; } = 2f * MathF.Sqrt(Subnormals.SmallestNormal / (1f - Beta2));

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
