namespace StaticNet;

/// <summary>
/// A 2-D convolution over images, channels last, as Keras's <c>Conv2D</c>:
/// <c>y[i, j, f] = activation(b[f] + Σ_{kh, kw, c} x[i·s + kh·d, j·s + kw·d, c] · W[kh, kw, c, f])</c>. The kernel is
/// stored as Keras stores it, (kernel height, kernel width, input channels, filters) row-major, and initialised
/// Glorot-uniform with fan-in kh · kw · channels and fan-out kh · kw · filters; the bias (filters) with zeros. The input
/// must be an image (<c>[Input(height, width, channels)]</c> or an earlier 2-D layer); follow the last one with
/// <see cref="FlattenAttribute"/> before a Dense layer.
/// </summary>
/// <param name="filters">Output channels (at least 1).</param>
/// <param name="kernelHeight">Kernel rows (at least 1).</param>
/// <param name="kernelWidth">Kernel columns (at least 1).</param>
/// <param name="activation">The activation applied to every output value. Softmax is not allowed: flatten and use a Dense layer.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute(int filters, int kernelHeight, int kernelWidth, Activation activation = Activation.Linear) : Attribute
{
    /// <summary>Output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>Kernel rows.</summary>
    public int KernelHeight { get; } = kernelHeight;

    /// <summary>Kernel columns.</summary>
    public int KernelWidth { get; } = kernelWidth;

    /// <summary>The activation.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Step between output positions along both axes (at least 1). Default 1.</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Step between the kernel's taps along both axes (at least 1; Keras refuses it above 1 together with strides above 1). Default 1.</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary><see cref="Padding.Valid"/> (the default, as Keras) or <see cref="Padding.Same"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>The slope below zero for <see cref="Activation.LeakyReLU"/>, in [0, 1). Default 0.2, as Keras.</summary>
    public double NegativeSlope { get; set; } = 0.2;

    /// <summary>How the kernel is initialised. Default Glorot-uniform, as Keras.</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>How the bias is initialised. Default zeros, as Keras.</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    /// <summary>The kernel's L1 regularisation factor: <c>L1 · Σ|W|</c> is added to the loss. Default 0.</summary>
    public double L1 { get; set; }

    /// <summary>The kernel's L2 regularisation factor: <c>L2 · Σ W²</c> is added to the loss. Default 0.</summary>
    public double L2 { get; set; }
}
