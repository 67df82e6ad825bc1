using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter), with Keras 3's defaults: before each Adam step every parameter
/// shrinks by the factor <c>1 − lr·λ</c>, independently of the gradient,
/// <code>
/// θ ← θ·(1 − lr·λ)
/// θ ← θ − lr·sqrt(1 − β2^t)/(1 − β1^t) · m / (sqrt(v) + ε)      (Adam's step, <see cref="Adam"/>)
/// </code>
/// Unlike an L2 penalty in the loss, the decay is not divided by <c>sqrt(v)</c>, so every weight decays at the same rate.
/// It applies to every parameter, biases included, as Keras's does unless variables are excluded. PyTorch's
/// <c>torch.optim.AdamW</c> decays the same way (its default λ is 0.01) but adds ε to the bias-corrected <c>sqrt(v̂)</c>.
/// A parameter that decays below float's normal range is set to 0.
/// </summary>
public sealed class AdamW : Optimizer
{
    private float[] _m = [];
    private float[] _v = [];

    /// <summary>AdamW with a constant step size.</summary>
    /// <param name="learningRate">The step size (Keras's default 0.001).</param>
    /// <param name="weightDecay">λ, the decay per unit of learning rate (Keras's default 0.004); ≥ 0.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
    public AdamW(float learningRate = 0.001f, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        WeightDecay = Hyperparameters.NonNegative(weightDecay, nameof(weightDecay));
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>AdamW whose step size follows <paramref name="learningRate"/>, read before every step; the decay follows it too.</summary>
    /// <param name="learningRate">The schedule, e.g. <see cref="CosineDecay"/>.</param>
    /// <param name="weightDecay">λ, the decay per unit of learning rate (Keras's default 0.004); ≥ 0.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="epsilon">Added to <c>sqrt(v)</c> to keep the division finite.</param>
    public AdamW(LearningRateSchedule learningRate, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        WeightDecay = Hyperparameters.NonNegative(weightDecay, nameof(weightDecay));
        (Beta1, Beta2, Epsilon) = Hyperparameters.Moments(beta1, beta2, epsilon);
    }

    /// <summary>λ: each step multiplies every parameter by <c>1 − lr·λ</c>.</summary>
    public float WeightDecay { get; }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to <c>sqrt(v)</c>.</summary>
    public float Epsilon { get; }

    internal override IReadOnlyList<float[]> State => [_m, _v];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float gradientScale)
    {
        OptimizerState.EnsureSize(ref _m, parameters.Length);
        OptimizerState.EnsureSize(ref _v, parameters.Length);
        var rule = AdamRule.ForStep(Beta1, Beta2, Epsilon, LearningRate, Iterations, gradientScale, WeightDecay);
        ElementwiseUpdate.Run(rule, new UpdateBuffers(parameters, gradient, _m, _v));
    }

    private protected override void ClearState()
    {
        _m = [];
        _v = [];
    }
}
