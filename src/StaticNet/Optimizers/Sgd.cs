using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// Stochastic gradient descent with optional momentum, as Keras writes it:
/// <c>θ ← θ − lr·g</c> without momentum; with it, <c>v ← μ·v − lr·g; θ ← θ + v</c>
/// (or, with <paramref name="nesterov"/>, <c>θ ← θ + μ·v − lr·g</c>). The velocity and the parameters are set to 0 when
/// they fall below float's normal range, so a long run does not slow down on processors that take a slow path for
/// subnormal floats (Intel's).
/// </summary>
/// <param name="learningRate">The step size (Keras's default 0.01).</param>
/// <param name="momentum">The momentum μ in [0, 1); 0 turns it off.</param>
/// <param name="nesterov">Whether to use Nesterov momentum.</param>
public sealed class Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false) : IOptimizer, IScheduledOptimizer
{
    private float[] _velocity = [];

    /// <summary>SGD whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule, e.g. <see cref="StepDecay"/> or <see cref="CosineDecay"/>.</param>
    /// <param name="momentum">Momentum, in [0, 1).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    public Sgd(LearningRateSchedule learningRate, float momentum = 0f, bool nesterov = false)
        : this(Hyperparameters.InitialRate(learningRate, nameof(learningRate)), momentum, nesterov)
    {
        Schedule = learningRate;
    }

    /// <summary>The schedule the step size follows, or null for a constant one.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>How many steps have been taken.</summary>
    public long Iterations { get; private set; }

    /// <summary>The step size.</summary>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = Hyperparameters.SettableRate(Schedule, value, nameof(value));
    }

    private float _learningRate = Hyperparameters.LearningRate(learningRate, nameof(learningRate));

    /// <summary>The momentum μ.</summary>
    public float Momentum { get; } = Hyperparameters.Fraction(momentum, nameof(momentum));

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; } = nesterov;

    /// <summary>The velocity, one value per parameter (empty without momentum or before the first step).</summary>
    internal ReadOnlySpan<float> Velocity => _velocity;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (Schedule is not null)
        {
            _learningRate = Hyperparameters.ScheduledRate(Schedule, Iterations);
        }

        Iterations++;
        if (Momentum == 0f)
        {
            if (gradient.Length != parameters.Length)
            {
                ShapeGuard.ThrowLength(nameof(gradient), parameters.Length, gradient.Length, "the parameter count");
            }
        }
        else
        {
            OptimizerState.EnsureSize(ref _velocity, parameters.Length, gradient.Length);
        }

        Update(parameters, gradient, _velocity, new Constants(LearningRate, Momentum, Nesterov));
    }

    /// <summary>
    /// One pass over the parameters: the same float operations in the same order at every vector width. The velocity, and
    /// the parameters, are flushed to zero when they become subnormal (<see cref="Subnormals"/>): with momentum μ the
    /// velocity of a parameter whose gradient is always 0 decays by μ a step, and a parameter under L2 decay alone decays
    /// geometrically too; once below float's normal range every operation on them would take Intel's slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity, Constants constants)
    {
        ref float p0 = ref MemoryMarshal.GetReference(parameters);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        ref float v0 = ref MemoryMarshal.GetReference(velocity);
        int n = parameters.Length;
        // A narrower width runs only where a whole vector of it is left, so its copy of the loop is not compiled for nothing.
        int i = 0;
        if (Width512.IsHardwareAccelerated)
        {
            i = UpdateVectors<Width512, Vector512<float>>(ref p0, ref g0, ref v0, i, n, constants);
        }

        if (Width256.IsHardwareAccelerated && n - i >= Width256.Lanes)
        {
            i = UpdateVectors<Width256, Vector256<float>>(ref p0, ref g0, ref v0, i, n, constants);
        }

        if (Width128.IsHardwareAccelerated && n - i >= Width128.Lanes)
        {
            i = UpdateVectors<Width128, Vector128<float>>(ref p0, ref g0, ref v0, i, n, constants);
        }

        for (; i < n; i++)
        {
            float step = Unsafe.Add(ref g0, i) * -constants.LearningRate;
            ref float p = ref Unsafe.Add(ref p0, i);
            if (constants.Momentum == 0f)
            {
                // θ ← θ − lr·g
                p = Subnormals.Flush(step + p);
                continue;
            }

            // v ← μ·v − lr·g
            ref float v = ref Unsafe.Add(ref v0, i);
            v = Subnormals.Flush(step + v * constants.Momentum);

            // Nesterov: θ ← θ + μ·v − lr·g; otherwise θ ← θ + v.
            p = Subnormals.Flush(constants.Nesterov ? step + (v * constants.Momentum + p) : p + v);
        }
    }

    /// <summary>The update over whole vectors of <typeparamref name="TWidth"/> from index <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UpdateVectors<TWidth, TVector>(ref float p0, ref float g0, ref float v0, int i, int n, Constants constants)
        where TWidth : IVectorWidth<TVector>
        where TVector : struct
    {
        TVector rate = TWidth.Create(-constants.LearningRate);
        TVector momentum = TWidth.Create(constants.Momentum);
        TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
        for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
        {
            nuint k = (nuint)i;
            TVector step = TWidth.Multiply(TWidth.Load(ref g0, k), rate);
            TVector p = TWidth.Load(ref p0, k);
            if (constants.Momentum == 0f)
            {
                p = TWidth.Add(step, p);
            }
            else
            {
                TVector v = TWidth.ZeroBelow(TWidth.Add(step, TWidth.Multiply(TWidth.Load(ref v0, k), momentum)), smallestNormal);
                TWidth.Store(v, ref v0, k);
                p = constants.Nesterov ? TWidth.Add(step, TWidth.Add(TWidth.Multiply(v, momentum), p)) : TWidth.Add(p, v);
            }

            TWidth.Store(TWidth.ZeroBelow(p, smallestNormal), ref p0, k);
        }

        return i;
    }

    private readonly record struct Constants(float LearningRate, float Momentum, bool Nesterov);

    /// <inheritdoc/>
    public void Reset()
    {
        _velocity = [];
        Iterations = 0;
    }
}
