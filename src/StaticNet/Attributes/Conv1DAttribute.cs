namespace StaticNet;

/// <summary>
/// A 1-D convolution over sequences (signals, sensors, spectrogram frames), channels last, as Keras's <c>Conv1D</c>:
/// <c>y[t, f] = activation(b[f] + Σ_{k, c} x[t·s + k·d, c] · W[k, c, f])</c>. The kernel is stored as Keras stores it,
/// (kernel size, input channels, filters), initialised Glorot-uniform with fan-in k · channels and fan-out k · filters.
/// The input must be a sequence (<c>[Input(steps, channels)]</c> or an earlier 1-D layer).
/// </summary>
/// <param name="filters">Output channels (at least 1).</param>
/// <param name="kernelSize">Taps of the kernel (at least 1).</param>
/// <param name="activation">The activation applied to every output value. Softmax is not allowed.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear) : Attribute
{
    /// <summary>Output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>Taps of the kernel.</summary>
    public int KernelSize { get; } = kernelSize;

    /// <summary>The activation.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Step between output steps (at least 1). Default 1.</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Step between the kernel's taps (at least 1; not above 1 together with strides above 1). Default 1.</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary><see cref="Padding.Valid"/> (the default, as Keras) or <see cref="Padding.Same"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>The slope below zero for <see cref="Activation.LeakyReLU"/>, in [0, 1). Default 0.2, as Keras.</summary>
    public double NegativeSlope { get; set; } = 0.2;

    /// <summary>How the kernel is initialised. Default Glorot-uniform, as Keras.</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>How the bias is initialised. Default zeros, as Keras.</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    /// <summary>The kernel's L1 regularisation factor. Default 0.</summary>
    public double L1 { get; set; }

    /// <summary>The kernel's L2 regularisation factor. Default 0.</summary>
    public double L2 { get; set; }
}
