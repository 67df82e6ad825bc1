using System.Numerics.Tensors;

namespace StaticNet;

/// <summary>
/// Stochastic gradient descent with optional momentum, as Keras writes it:
/// <c>θ ← θ − lr·g</c> without momentum; with it, <c>v ← μ·v − lr·g; θ ← θ + v</c>
/// (or, with <paramref name="nesterov"/>, <c>θ ← θ + μ·v − lr·g</c>).
/// </summary>
/// <param name="learningRate">The step size (Keras's default 0.01).</param>
/// <param name="momentum">The momentum μ in [0, 1); 0 turns it off.</param>
/// <param name="nesterov">Whether to use Nesterov momentum.</param>
public sealed class Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false) : IOptimizer
{
    private float[] _velocity = [];

    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = learningRate;

    /// <summary>The momentum μ.</summary>
    public float Momentum { get; } = momentum is >= 0f and < 1f
        ? momentum
        : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; } = nesterov;

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (Momentum == 0f)
        {
            if (gradient.Length != parameters.Length)
            {
                ShapeGuard.ThrowLength(nameof(gradient), parameters.Length, gradient.Length, "the parameter count");
            }

            TensorPrimitives.MultiplyAdd(gradient, -LearningRate, parameters, parameters);
            return;
        }

        OptimizerState.EnsureSize(ref _velocity, parameters.Length, gradient.Length);
        Span<float> v = _velocity;
        float mu = Momentum, lr = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            float vi = mu * v[i] - lr * gradient[i];
            v[i] = vi;
            parameters[i] += Nesterov ? mu * vi - lr * gradient[i] : vi;
        }
    }

    /// <inheritdoc/>
    public void Reset() => _velocity = [];
}
