using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Adagrad, with Keras's defaults and Keras's update: each parameter's step shrinks with the sum of its squared gradients,
/// <code>
/// s ← s + g²                               (s starts at the initial accumulator value)
/// θ ← θ − lr·g / sqrt(s + ε)
/// </code>
/// Keras adds ε inside the square root and starts s at 0.1; PyTorch's <c>torch.optim.Adagrad</c> adds ε (1e-10) outside
/// and starts s at 0. A gradient too small for <c>g²</c> to be a normal float (below about 2e-19) is taken as 0, so a long
/// run keeps its speed on processors that slow down on subnormal floats.
/// </summary>
public sealed class Adagrad : Optimizer
{
    private float[] _accumulator = [];

    /// <summary>Adagrad with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.001).</param>
    /// <param name="initialAccumulatorValue">Where every sum of squares starts, ≥ 0.</param>
    /// <param name="epsilon">Added to the sum of squares inside the square root.</param>
    public Adagrad(float learningRate = 0.001f, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        InitialAccumulatorValue = Hyperparameters.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Epsilon = Hyperparameters.Epsilon(epsilon, nameof(epsilon));
    }

    /// <summary>Adagrad whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule.</param>
    /// <param name="initialAccumulatorValue">Where every sum of squares starts, ≥ 0.</param>
    /// <param name="epsilon">Added to the sum of squares inside the square root.</param>
    public Adagrad(LearningRateSchedule learningRate, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        InitialAccumulatorValue = Hyperparameters.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Epsilon = Hyperparameters.Epsilon(epsilon, nameof(epsilon));
    }

    /// <summary>Where every sum of squared gradients starts.</summary>
    public float InitialAccumulatorValue { get; }

    /// <summary>Added inside the square root.</summary>
    public float Epsilon { get; }

    internal override IReadOnlyList<float[]> State => [_accumulator];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _accumulator, parameters.Length, InitialAccumulatorValue);
        ElementwiseUpdate.Run(new Rule(LearningRate, gradientScale, Epsilon), new UpdateBuffers(parameters, gradient, _accumulator));
    }

    private protected override void ClearState() => _accumulator = [];

    private readonly record struct Rule(float LearningRate, float Scale, float Epsilon) : IElementwiseRule
    {
        /// <summary>Below it <c>g²</c> would be subnormal, and the gradient is taken as 0.</summary>
        public float GradientFloor { get; } = Subnormals.SquareFloor(1f);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
            where TWidth : IVectorWidth<TVector>
            where TVector : struct
        {
            ref float p0 = ref buffers.Parameters;
            ref float g0 = ref buffers.Gradient;
            ref float s0 = ref buffers.State0;
            int n = buffers.Length;
            TVector scale = TWidth.Create(Scale);
            TVector rate = TWidth.Create(LearningRate);
            TVector epsilon = TWidth.Create(Epsilon);
            TVector gradientFloor = TWidth.Create(GradientFloor);
            for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
            {
                nuint k = (nuint)i;
                TVector g = TWidth.ZeroBelow(TWidth.Multiply(TWidth.LoadUnsafe(ref g0, k), scale), gradientFloor);
                TVector s = TWidth.Add(TWidth.LoadUnsafe(ref s0, k), TWidth.Multiply(g, g));
                TWidth.StoreUnsafe(s, ref s0, k);
                TVector step = TWidth.Divide(TWidth.Multiply(rate, g), TWidth.Sqrt(TWidth.Add(s, epsilon)));
                TWidth.StoreUnsafe(TWidth.Subtract(TWidth.LoadUnsafe(ref p0, k), step), ref p0, k);
            }

            return i;
        }

        public void Element(in UpdateBuffers buffers, int i)
        {
            float g = Subnormals.ZeroBelow(Unsafe.Add(ref buffers.Gradient, i) * Scale, GradientFloor);
            ref float s = ref Unsafe.Add(ref buffers.State0, i);
            s += g * g;
            Unsafe.Add(ref buffers.Parameters, i) -= LearningRate * g / MathF.Sqrt(s + Epsilon);
        }
    }
}
