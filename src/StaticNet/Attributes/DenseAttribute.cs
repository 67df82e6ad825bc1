namespace StaticNet;

/// <summary>
/// A fully connected layer, <c>a = activation(x·W + b)</c>, with its kernel <c>W</c> stored as inputs × units, row-major, as Keras
/// stores it. Layers are applied in the order they are written.
/// </summary>
/// <param name="units">The number of output units (at least 1).</param>
/// <param name="activation">The activation; <see cref="Activation.Softmax"/> only on the last layer.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute(int units, Activation activation = Activation.Linear) : Attribute
{
    /// <summary>The number of output units.</summary>
    public int Units { get; } = units;

    /// <summary>The activation.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>The slope for negative inputs of <see cref="Activation.LeakyReLU"/>, in [0, 1). Default 0.2, as Keras 3.</summary>
    public double NegativeSlope { get; set; } = 0.2;

    /// <summary>How the kernel is initialised. Default <see cref="Initializer.GlorotUniform"/>, as Keras.</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>How the bias is initialised. Default <see cref="Initializer.Zeros"/>, as Keras.</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    /// <summary>
    /// L1 kernel regularisation, as Keras's <c>kernel_regularizer=L1(l1)</c>: <c>L1 · Σ|W|</c> is added to the loss and
    /// <c>L1 · sign(W)</c> to the kernel's gradient. The bias is not regularised. Default 0 (none); must be finite and ≥ 0.
    /// </summary>
    public double L1 { get; set; }

    /// <summary>
    /// L2 kernel regularisation (weight decay), as Keras's <c>kernel_regularizer=L2(l2)</c>: <c>L2 · Σ W²</c> is added to
    /// the loss and <c>2 · L2 · W</c> to the kernel's gradient. The bias is not regularised. Default 0 (none); must be
    /// finite and ≥ 0.
    /// </summary>
    public double L2 { get; set; }
}
