using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Stochastic gradient descent with optional momentum, as Keras writes it:
/// <c>θ ← θ − lr·g</c> without momentum; with it, <c>v ← μ·v − lr·g; θ ← θ + v</c>
/// (or, with Nesterov momentum, <c>θ ← θ + μ·v − lr·g</c>). The velocity and the parameters are set to 0 when they fall
/// below float's normal range, so a long run does not slow down on processors that take a slow path for subnormal floats
/// (Intel's).
/// </summary>
public sealed class Sgd : Optimizer
{
    private float[] _velocity = [];

    /// <summary>SGD with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.01).</param>
    /// <param name="momentum">The momentum μ in [0, 1); 0 turns it off.</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = Hyperparameters.Fraction(momentum, nameof(momentum));
        Nesterov = nesterov;
    }

    /// <summary>SGD whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule, e.g. <see cref="StepDecay"/> or <see cref="CosineDecay"/>.</param>
    /// <param name="momentum">Momentum, in [0, 1).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    public Sgd(LearningRateSchedule learningRate, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = Hyperparameters.Fraction(momentum, nameof(momentum));
        Nesterov = nesterov;
    }

    /// <summary>The momentum μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>The velocity, one value per parameter (empty without momentum or before the first step).</summary>
    internal ReadOnlySpan<float> Velocity => _velocity;

    internal override IReadOnlyList<float[]> State => [_velocity];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        if (Momentum != 0f)
        {
            OptimizerState.EnsureSize(ref _velocity, parameters.Length);
        }

        ElementwiseUpdate.Run(new Rule(LearningRate, gradientScale, Momentum, Nesterov), new UpdateBuffers(parameters, gradient, _velocity));
    }

    private protected override void ClearState() => _velocity = [];

    /// <summary>
    /// SGD's update of one element. The velocity, and the parameters, are flushed to zero when they become subnormal
    /// (<see cref="Subnormals"/>): with momentum μ the velocity of a parameter whose gradient is always 0 decays by μ a step,
    /// and a parameter under L2 decay alone decays geometrically too; once below float's normal range every operation on
    /// them would take Intel's slow path.
    /// </summary>
    private readonly record struct Rule(float LearningRate, float Scale, float Momentum, bool Nesterov) : IElementwiseRule
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
            where TWidth : IVectorWidth<TVector>
            where TVector : struct
        {
            ref float p0 = ref buffers.Parameters;
            ref float g0 = ref buffers.Gradient;
            ref float v0 = ref buffers.State0;
            int n = buffers.Length;
            TVector scale = TWidth.Create(Scale);
            TVector rate = TWidth.Create(-LearningRate);
            TVector momentum = TWidth.Create(Momentum);
            TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
            for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
            {
                nuint k = (nuint)i;
                TVector step = TWidth.Multiply(TWidth.Multiply(TWidth.LoadUnsafe(ref g0, k), scale), rate);
                TVector p = TWidth.LoadUnsafe(ref p0, k);
                if (Momentum == 0f)
                {
                    p = TWidth.Add(step, p);
                }
                else
                {
                    TVector v = TWidth.ZeroBelow(TWidth.Add(step, TWidth.Multiply(TWidth.LoadUnsafe(ref v0, k), momentum)), smallestNormal);
                    TWidth.StoreUnsafe(v, ref v0, k);
                    p = Nesterov ? TWidth.Add(step, TWidth.Add(TWidth.Multiply(v, momentum), p)) : TWidth.Add(p, v);
                }

                TWidth.StoreUnsafe(TWidth.ZeroBelow(p, smallestNormal), ref p0, k);
            }

            return i;
        }

        public void Element(in UpdateBuffers buffers, int i)
        {
            float step = Unsafe.Add(ref buffers.Gradient, i) * Scale * -LearningRate;
            ref float p = ref Unsafe.Add(ref buffers.Parameters, i);
            if (Momentum == 0f)
            {
                // θ ← θ − lr·g
                p = Subnormals.Flush(step + p);
                return;
            }

            // v ← μ·v − lr·g
            ref float v = ref Unsafe.Add(ref buffers.State0, i);
            v = Subnormals.Flush(step + v * Momentum);

            // Nesterov: θ ← θ + μ·v − lr·g; otherwise θ ← θ + v.
            p = Subnormals.Flush(Nesterov ? step + (v * Momentum + p) : p + v);
        }
    }
}
