using System.Runtime.CompilerServices;

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
/// <seealso cref="AdamW"/>
public sealed class Adam : Optimizer
{
    private float[] _m = [];
    private float[] _v = [];

    /// <summary>Adam with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.001).</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>Adam whose step size follows <paramref name="learningRate"/>, read before every step.</summary>
    /// <param name="learningRate">The schedule, e.g. <see cref="ExponentialDecay"/> or <see cref="CosineDecay"/>.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
    public Adam(LearningRateSchedule learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to <c>sqrt(v)</c>.</summary>
    public float Epsilon { get; }

    /// <summary>The first moment m, one value per parameter (empty before the first step).</summary>
    internal ReadOnlySpan<float> FirstMoment => _m;

    /// <summary>The second moment v, one value per parameter (empty before the first step).</summary>
    internal ReadOnlySpan<float> SecondMoment => _v;

    internal override IReadOnlyList<float[]> State => [_m, _v];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _m, parameters.Length);
        OptimizerState.EnsureSize(ref _v, parameters.Length);

        var rule = AdamRule.ForStep(Beta1, Beta2, Epsilon, LearningRate, Iterations, gradientScale, weightDecay: 0f);
        ElementwiseUpdate.Run(rule, new UpdateBuffers(parameters, gradient, _m, _v));
    }

    private protected override void ClearState()
    {
        _m = [];
        _v = [];
    }
}
