using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// RMSprop, with Keras's defaults and Keras's update:
/// <code>
/// v ← ρ·v + (1 − ρ)·g²
/// a ← ρ·a + (1 − ρ)·g                      (centered only)
/// Δ ← lr·g / sqrt(v + ε)                    (centered: sqrt(max(v − a², 0) + ε))
/// θ ← θ − Δ                                 (with momentum μ: b ← μ·b + Δ; θ ← θ − b)
/// </code>
/// Keras adds ε inside the square root; PyTorch's <c>torch.optim.RMSprop</c> adds it outside (<c>sqrt(v) + ε</c>, ε 1e-8)
/// and defaults to ρ = 0.99. The centered variance is clamped at 0 before ε is added, where rounding could make
/// <c>v − a²</c> negative (Keras would take the square root of a negative number there). Velocity, average and momentum
/// are set to 0 when they fall below float's normal range, and a gradient too small for <c>(1 − ρ)·g²</c> to be a normal
/// float is taken as 0, so a long run keeps its speed on processors that slow down on subnormal floats.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private float[] _velocity = [];
    private float[] _momentum = [];
    private float[] _average = [];

    /// <summary>RMSprop with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.001).</param>
    /// <param name="rho">ρ, the decay of the moving average of squared gradients, in [0, 1).</param>
    /// <param name="momentum">μ in [0, 1); 0 turns momentum off.</param>
    /// <param name="epsilon">Added to the average of squares inside the square root.</param>
    /// <param name="centered">Whether to divide by an estimate of the gradient's variance rather than its second moment.</param>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        (Rho, Momentum, Epsilon, Centered) = Check(rho, momentum, epsilon, centered);
    }

    /// <summary>RMSprop whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule.</param>
    /// <param name="rho">ρ, the decay of the moving average of squared gradients, in [0, 1).</param>
    /// <param name="momentum">μ in [0, 1); 0 turns momentum off.</param>
    /// <param name="epsilon">Added to the average of squares inside the square root.</param>
    /// <param name="centered">Whether to divide by an estimate of the gradient's variance rather than its second moment.</param>
    public RmsProp(LearningRateSchedule learningRate, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        (Rho, Momentum, Epsilon, Centered) = Check(rho, momentum, epsilon, centered);
    }

    /// <summary>ρ, the decay of the moving averages.</summary>
    public float Rho { get; }

    /// <summary>μ, the momentum (0: none).</summary>
    public float Momentum { get; }

    /// <summary>Added inside the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Whether the gradient is divided by its estimated standard deviation rather than its root mean square.</summary>
    public bool Centered { get; }

    internal override IReadOnlyList<float[]> State => [_velocity, _momentum, _average];

    private static (float, float, float, bool) Check(float rho, float momentum, float epsilon, bool centered) =>
        (Hyperparameters.Fraction(rho, nameof(rho)), Hyperparameters.Fraction(momentum, nameof(momentum)), Hyperparameters.Epsilon(epsilon, nameof(epsilon)), centered);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _velocity, parameters.Length);
        if (Momentum != 0f)
        {
            OptimizerState.EnsureSize(ref _momentum, parameters.Length);
        }

        if (Centered)
        {
            OptimizerState.EnsureSize(ref _average, parameters.Length);
        }

        var rule = new Rule(LearningRate, gradientScale, Rho, Momentum, Epsilon, Centered);
        ElementwiseUpdate.Run(rule, new UpdateBuffers(parameters, gradient, _velocity, _momentum, _average));
    }

    private protected override void ClearState()
    {
        _velocity = [];
        _momentum = [];
        _average = [];
    }

    private readonly record struct Rule(float LearningRate, float Scale, float Rho, float Momentum, float Epsilon, bool Centered) : IElementwiseRule
    {
        /// <summary>Below it <c>(1 − ρ)·g²</c> would be subnormal, and the gradient is taken as 0.</summary>
        public float GradientFloor { get; } = Subnormals.SquareFloor(1f - Rho);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
            where TWidth : IVectorWidth<TVector>
            where TVector : struct
        {
            ref float p0 = ref buffers.Parameters;
            ref float g0 = ref buffers.Gradient;
            ref float v0 = ref buffers.State0;
            ref float b0 = ref buffers.State1;
            ref float a0 = ref buffers.State2;
            int n = buffers.Length;
            TVector scale = TWidth.Create(Scale);
            TVector rate = TWidth.Create(LearningRate);
            TVector rho = TWidth.Create(Rho);
            TVector oneMinusRho = TWidth.Create(1f - Rho);
            TVector momentum = TWidth.Create(Momentum);
            TVector epsilon = TWidth.Create(Epsilon);
            TVector zero = TWidth.Create(0f);
            TVector gradientFloor = TWidth.Create(GradientFloor);
            TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
            for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
            {
                nuint k = (nuint)i;
                TVector g = TWidth.ZeroBelow(TWidth.Multiply(TWidth.LoadUnsafe(ref g0, k), scale), gradientFloor);
                TVector v = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(rho, TWidth.LoadUnsafe(ref v0, k)), TWidth.Multiply(oneMinusRho, TWidth.Multiply(g, g))), smallestNormal);
                TWidth.StoreUnsafe(v, ref v0, k);
                TVector denominator;
                if (Centered)
                {
                    TVector a = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(rho, TWidth.LoadUnsafe(ref a0, k)), TWidth.Multiply(oneMinusRho, g)), smallestNormal);
                    TWidth.StoreUnsafe(a, ref a0, k);
                    denominator = TWidth.Add(TWidth.MaxNative(zero, TWidth.Subtract(v, TWidth.Multiply(a, a))), epsilon);
                }
                else
                {
                    denominator = TWidth.Add(v, epsilon);
                }

                TVector increment = TWidth.Divide(TWidth.Multiply(rate, g), TWidth.Sqrt(denominator));
                if (Momentum != 0f)
                {
                    increment = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(momentum, TWidth.LoadUnsafe(ref b0, k)), increment), smallestNormal);
                    TWidth.StoreUnsafe(increment, ref b0, k);
                }

                TWidth.StoreUnsafe(TWidth.Subtract(TWidth.LoadUnsafe(ref p0, k), increment), ref p0, k);
            }

            return i;
        }

        public void Element(in UpdateBuffers buffers, int i)
        {
            float g = Subnormals.ZeroBelow(Unsafe.Add(ref buffers.Gradient, i) * Scale, GradientFloor);
            ref float v = ref Unsafe.Add(ref buffers.State0, i);
            v = Subnormals.Flush(Rho * v + (1f - Rho) * (g * g));
            float denominator;
            if (Centered)
            {
                ref float a = ref Unsafe.Add(ref buffers.State2, i);
                a = Subnormals.Flush(Rho * a + (1f - Rho) * g);
                denominator = float.MaxNative(0f, v - a * a) + Epsilon;
            }
            else
            {
                denominator = v + Epsilon;
            }

            float increment = LearningRate * g / MathF.Sqrt(denominator);
            if (Momentum != 0f)
            {
                ref float b = ref Unsafe.Add(ref buffers.State1, i);
                increment = b = Subnormals.Flush(Momentum * b + increment);
            }

            Unsafe.Add(ref buffers.Parameters, i) -= increment;
        }
    }
}
