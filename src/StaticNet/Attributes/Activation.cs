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
}
