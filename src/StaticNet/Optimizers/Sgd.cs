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

    /// <inheritdoc/>
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

            TensorPrimitives.MultiplyAdd(gradient, -LearningRate, parameters, parameters);
            return;
        }

        OptimizerState.EnsureSize(ref _velocity, parameters.Length, gradient.Length);
        Span<float> velocity = _velocity;

        // v ← μ·v − lr·g
        TensorPrimitives.Multiply(velocity, Momentum, velocity);
        TensorPrimitives.MultiplyAdd(gradient, -LearningRate, velocity, velocity);
        if (Nesterov)
        {
            // θ ← θ + μ·v − lr·g
            TensorPrimitives.MultiplyAdd(velocity, Momentum, parameters, parameters);
            TensorPrimitives.MultiplyAdd(gradient, -LearningRate, parameters, parameters);
        }
        else
        {
            // θ ← θ + v
            TensorPrimitives.Add(parameters, velocity, parameters);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _velocity = [];
        Iterations = 0;
    }
}
