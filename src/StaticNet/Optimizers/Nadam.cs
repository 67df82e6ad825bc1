using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Nadam, Adam with Nesterov momentum (Dozat), with Keras's defaults and Keras's update, whose momentum coefficient warms up
/// by the schedule <c>μ_t = β1·(1 − 0.5·0.96^t)</c>:
/// <code>
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// m̂ ← μ_{t+1}·m / (1 − Π_{i≤t+1} μ_i) + (1 − μ_t)·g / (1 − Π_{i≤t} μ_i)
/// θ ← θ − lr·m̂ / (sqrt(v / (1 − β2^t)) + ε)
/// </code>
/// This is PyTorch's <c>torch.optim.NAdam</c> with <c>momentum_decay = 1</c> (PyTorch's default 0.004 warms the momentum up
/// over thousands of steps rather than dozens) and ε 1e-7 rather than 1e-8; both add ε to the bias-corrected
/// <c>sqrt(v̂)</c>. m and v are flushed to 0 below float's normal range and gradients too small to square are taken as 0,
/// as in <see cref="Adam"/>.
/// </summary>
public sealed class Nadam : Optimizer
{
    private float[] _m = [];
    private float[] _v = [];
    private double _momentumProduct = 1.0;

    /// <summary>Nadam with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.001).</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v̂)</c> to keep the division finite.</param>
    public Nadam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>Nadam whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v̂)</c> to keep the division finite.</param>
    public Nadam(LearningRateSchedule learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to <c>sqrt(v̂)</c>.</summary>
    public float Epsilon { get; }

    internal override IReadOnlyList<float[]> State => [_m, _v];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _m, parameters.Length);
        OptimizerState.EnsureSize(ref _v, parameters.Length);

        // The momentum schedule and the corrections, in double, once a step.
        double t = Iterations;
        double momentum = Beta1 * (1.0 - 0.5 * Math.Pow(0.96, t));
        double nextMomentum = Beta1 * (1.0 - 0.5 * Math.Pow(0.96, t + 1));
        _momentumProduct *= momentum;
        double nextProduct = _momentumProduct * nextMomentum;
        var rule = new Rule(
            Beta1,
            Beta2,
            Epsilon,
            gradientScale,
            MomentumWeight: (float)(LearningRate * nextMomentum / (1.0 - nextProduct)),
            GradientWeight: (float)(LearningRate * (1.0 - momentum) / (1.0 - _momentumProduct)),
            SecondMomentCorrection: (float)(1.0 / (1.0 - Math.Pow(Beta2, t))));
        ElementwiseUpdate.Run(rule, new UpdateBuffers(parameters, gradient, _m, _v));
    }

    private protected override void ClearState()
    {
        _m = [];
        _v = [];
        _momentumProduct = 1.0;
    }

    /// <summary>Nadam's update of one element, with the learning rate folded into the two weights of m̂.</summary>
    private readonly record struct Rule(float Beta1, float Beta2, float Epsilon, float Scale, float MomentumWeight, float GradientWeight, float SecondMomentCorrection) : IElementwiseRule
    {
        /// <summary>Below it <c>(1 − β2)·g²</c> would be subnormal, and the gradient is taken as 0 (as in <see cref="Adam"/>).</summary>
        public float GradientFloor { get; } = Subnormals.SquareFloor(1f - Beta2);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
            where TWidth : IVectorWidth<TVector>
            where TVector : struct
        {
            ref float p0 = ref buffers.Parameters;
            ref float g0 = ref buffers.Gradient;
            ref float m0 = ref buffers.State0;
            ref float v0 = ref buffers.State1;
            int n = buffers.Length;
            TVector scale = TWidth.Create(Scale);
            TVector beta1 = TWidth.Create(Beta1);
            TVector oneMinusBeta1 = TWidth.Create(1f - Beta1);
            TVector beta2 = TWidth.Create(Beta2);
            TVector oneMinusBeta2 = TWidth.Create(1f - Beta2);
            TVector momentumWeight = TWidth.Create(MomentumWeight);
            TVector gradientWeight = TWidth.Create(GradientWeight);
            TVector correction = TWidth.Create(SecondMomentCorrection);
            TVector epsilon = TWidth.Create(Epsilon);
            TVector gradientFloor = TWidth.Create(GradientFloor);
            TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
            for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
            {
                nuint k = (nuint)i;
                TVector g = TWidth.ZeroBelow(TWidth.Multiply(TWidth.LoadUnsafe(ref g0, k), scale), gradientFloor);
                TVector m = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta1, TWidth.LoadUnsafe(ref m0, k)), TWidth.Multiply(oneMinusBeta1, g)), smallestNormal);
                TVector v = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta2, TWidth.LoadUnsafe(ref v0, k)), TWidth.Multiply(oneMinusBeta2, TWidth.Multiply(g, g))), smallestNormal);
                TWidth.StoreUnsafe(m, ref m0, k);
                TWidth.StoreUnsafe(v, ref v0, k);
                TVector numerator = TWidth.Add(TWidth.Multiply(momentumWeight, m), TWidth.Multiply(gradientWeight, g));
                TVector step = TWidth.Divide(numerator, TWidth.Add(TWidth.Sqrt(TWidth.Multiply(v, correction)), epsilon));
                TWidth.StoreUnsafe(TWidth.Subtract(TWidth.LoadUnsafe(ref p0, k), step), ref p0, k);
            }

            return i;
        }

        public void Element(in UpdateBuffers buffers, int i)
        {
            float g = Subnormals.ZeroBelow(Unsafe.Add(ref buffers.Gradient, i) * Scale, GradientFloor);
            ref float m = ref Unsafe.Add(ref buffers.State0, i);
            ref float v = ref Unsafe.Add(ref buffers.State1, i);
            m = Subnormals.Flush(Beta1 * m + (1f - Beta1) * g);
            v = Subnormals.Flush(Beta2 * v + (1f - Beta2) * (g * g));
            Unsafe.Add(ref buffers.Parameters, i) -= (MomentumWeight * m + GradientWeight * g) / (MathF.Sqrt(v * SecondMomentCorrection) + Epsilon);
        }
    }
}
