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
    /// <summary>
    /// Gaussian error linear unit, exact (Keras 3's default, PyTorch's <c>gelu</c>): <c>a = z·Φ(z)</c>, Φ the standard
    /// normal distribution function. Its derivative needs <c>z</c>, so it is a standalone <c>[Activation]</c> layer's, not
    /// the last (SNET0043, SNET0044).
    /// </summary>
    GELU = 10,
    /// <summary>
    /// GELU's tanh approximation (Keras's <c>approximate=True</c>, PyTorch's <c>approximate='tanh'</c>):
    /// <c>a = ½z(1 + tanh(√(2/π)(z + 0.044715z³)))</c>. A standalone <c>[Activation]</c> layer's, as <see cref="GELU"/>.
    /// </summary>
    GELUTanh = 11,
    /// <summary>
    /// SiLU, also called Swish (Keras 3's <c>silu</c>, PyTorch's <c>silu</c>): <c>a = z·σ(z)</c>. A standalone
    /// <c>[Activation]</c> layer's, as <see cref="GELU"/>.
    /// </summary>
    SiLU = 12,
}
