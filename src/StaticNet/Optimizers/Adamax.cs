using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Adamax, Adam's variant on the infinity norm, with Keras's defaults and Keras's update:
/// <code>
/// m ← β1·m + (1 − β1)·g
/// u ← max(β2·u, |g|)
/// θ ← θ − lr·m / ((1 − β1^t)·(u + ε))
/// </code>
/// PyTorch's <c>torch.optim.Adamax</c> adds ε to <c>|g|</c> inside the maximum instead (ε 1e-8). m and u are set to 0 when they
/// fall below float's normal range (u of a parameter whose gradient is always 0 decays by β2 a step), so a long run keeps
/// its speed on processors that slow down on subnormal floats. A NaN gradient makes u, and the parameter, NaN.
/// </summary>
public sealed class Adamax : Optimizer
{
    private float[] _m = [];
    private float[] _u = [];

    /// <summary>Adamax with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.001).</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the infinity norm.</param>
    /// <param name="epsilon">Added to u to keep the division finite.</param>
    public Adamax(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>Adamax whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the infinity norm.</param>
    /// <param name="epsilon">Added to u to keep the division finite.</param>
    public Adamax(LearningRateSchedule learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the infinity norm.</summary>
    public float Beta2 { get; }

    /// <summary>Added to u.</summary>
    public float Epsilon { get; }

    internal override IReadOnlyList<float[]> State => [_m, _u];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _m, parameters.Length);
        OptimizerState.EnsureSize(ref _u, parameters.Length);
        float correction = (float)(1.0 - Math.Pow(Beta1, Iterations));
        ElementwiseUpdate.Run(new Rule(LearningRate, gradientScale, Beta1, Beta2, Epsilon, correction), new UpdateBuffers(parameters, gradient, _m, _u));
    }

    private protected override void ClearState()
    {
        _m = [];
        _u = [];
    }

    private readonly record struct Rule(float LearningRate, float Scale, float Beta1, float Beta2, float Epsilon, float Correction) : IElementwiseRule
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
            where TWidth : IVectorWidth<TVector>
            where TVector : struct
        {
            ref float p0 = ref buffers.Parameters;
            ref float g0 = ref buffers.Gradient;
            ref float m0 = ref buffers.State0;
            ref float u0 = ref buffers.State1;
            int n = buffers.Length;
            TVector scale = TWidth.Create(Scale);
            TVector rate = TWidth.Create(LearningRate);
            TVector beta1 = TWidth.Create(Beta1);
            TVector oneMinusBeta1 = TWidth.Create(1f - Beta1);
            TVector beta2 = TWidth.Create(Beta2);
            TVector epsilon = TWidth.Create(Epsilon);
            TVector correction = TWidth.Create(Correction);
            TVector smallestNormal = TWidth.Create(Subnormals.SmallestNormal);
            for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
            {
                nuint k = (nuint)i;
                TVector g = TWidth.ZeroBelow(TWidth.Multiply(TWidth.LoadUnsafe(ref g0, k), scale), smallestNormal);
                TVector m = TWidth.ZeroBelow(TWidth.Add(TWidth.Multiply(beta1, TWidth.LoadUnsafe(ref m0, k)), TWidth.Multiply(oneMinusBeta1, g)), smallestNormal);
                TVector u = TWidth.ZeroBelow(TWidth.MaxNative(TWidth.Multiply(beta2, TWidth.LoadUnsafe(ref u0, k)), TWidth.Abs(g)), smallestNormal);
                TWidth.StoreUnsafe(m, ref m0, k);
                TWidth.StoreUnsafe(u, ref u0, k);
                TVector step = TWidth.Divide(TWidth.Multiply(rate, m), TWidth.Multiply(correction, TWidth.Add(u, epsilon)));
                TWidth.StoreUnsafe(TWidth.Subtract(TWidth.LoadUnsafe(ref p0, k), step), ref p0, k);
            }

            return i;
        }

        public void Element(in UpdateBuffers buffers, int i)
        {
            float g = Subnormals.Flush(Unsafe.Add(ref buffers.Gradient, i) * Scale);
            ref float m = ref Unsafe.Add(ref buffers.State0, i);
            ref float u = ref Unsafe.Add(ref buffers.State1, i);
            m = Subnormals.Flush(Beta1 * m + (1f - Beta1) * g);
            u = Subnormals.Flush(float.MaxNative(Beta2 * u, MathF.Abs(g)));
            Unsafe.Add(ref buffers.Parameters, i) -= LearningRate * m / (Correction * (u + Epsilon));
        }
    }
}
