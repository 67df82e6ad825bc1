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
    public float NegativeSlope { get; set; } = 0.2f;

    /// <summary>How the kernel is initialised. Default <see cref="Initializer.GlorotUniform"/>, as Keras.</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>How the bias is initialised. Default <see cref="Initializer.Zeros"/>, as Keras.</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;
}
