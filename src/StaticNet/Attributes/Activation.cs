namespace StaticNet;

/// <summary>
/// The activation a layer applies to its pre-activation <c>z = x·W + b</c>.
/// </summary>
/// <remarks>
/// This file is compiled into both the runtime and the source generator, so the two can never disagree on a value.
/// </remarks>
#if STATICNET_GENERATOR
internal enum Activation
#else
public enum Activation
#endif
{
    /// <summary>Identity: <c>a = z</c>.</summary>
    Linear = 0,

    /// <summary>Rectified linear unit: <c>a = max(z, 0)</c>.</summary>
    ReLU = 1,

    /// <summary>Leaky ReLU: <c>a = z</c> for <c>z &gt; 0</c>, else <c>slope·z</c> (slope 0.2 by default, as Keras 3's <c>leaky_relu</c>).</summary>
    LeakyReLU = 2,

    /// <summary>Logistic sigmoid: <c>a = 1 / (1 + e^-z)</c>.</summary>
    Sigmoid = 3,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 4,

    /// <summary>Softmax over the layer's units; only allowed on the last layer.</summary>
    Softmax = 5,
    /// <summary>Exponential linear unit (α = 1, Keras's default): <c>a = z</c> for <c>z &gt; 0</c>, else <c>e^z − 1</c>.</summary>
    ELU = 6,
    /// <summary>
    /// Scaled ELU (Klambauer et al.): <c>λz</c> for <c>z &gt; 0</c>, else <c>λα(e^z − 1)</c>, with λ ≈ 1.0507 and α ≈ 1.6733.
    /// Self-normalising with <see cref="Initializer.LecunNormal"/> kernels (Keras's advice).
    /// </summary>
    SELU = 7,
    /// <summary>Softplus, <c>a = log(1 + e^z)</c>: a smooth ReLU.</summary>
    Softplus = 8,
    /// <summary>Keras 3's hard sigmoid, <c>a = relu6(z + 3) / 6</c>: a piecewise-linear sigmoid (PyTorch's <c>hardsigmoid</c>).</summary>
    HardSigmoid = 9,
}
