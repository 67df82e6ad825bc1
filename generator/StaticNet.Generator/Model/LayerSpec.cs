namespace StaticNet.Generator.Model;

/// <summary>How the emitter writes a layer's arithmetic.</summary>
internal enum EmitStrategy
{
    /// <summary>Straight-line scalar code: one fused multiply-add per weight, every index a constant.</summary>
    Unrolled,

    /// <summary>
    /// Straight-line SIMD across the layer's units: one 8-lane accumulator per block of units, one fused multiply-add per
    /// input and block, kernel rows read with unaligned (and, for the last block, overlapping) loads at constant offsets.
    /// </summary>
    Simd,

    /// <summary>A loop over the inputs, each step a vectorised row operation from System.Numerics.Tensors.</summary>
    Loop,
}

/// <summary>One Dense layer, placed in the flat parameter buffer.</summary>
/// <param name="Number">1-based position among the layers; names the layer <c>dense_{Number}</c> and its methods <c>Dense{Number}…</c>.</param>
/// <param name="Inputs">Inputs (the previous layer's units, or the network's input size).</param>
/// <param name="Units">Outputs.</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">LeakyReLU's slope below zero.</param>
/// <param name="KernelInitializer">How the kernel is initialised.</param>
/// <param name="BiasInitializer">How the bias is initialised.</param>
/// <param name="KernelOffset">Where the kernel (inputs × units, row-major) starts in the parameters.</param>
/// <param name="Strategy">How the emitter writes this layer.</param>
internal sealed record LayerSpec(
    int Number,
    int Inputs,
    int Units,
    Activation Activation,
    float NegativeSlope,
    Initializer KernelInitializer,
    Initializer BiasInitializer,
    int KernelOffset,
    EmitStrategy Strategy)
{
    public string Name => "dense_" + Number;

    public string MethodPrefix => "Dense" + Number;

    public int KernelSize => Inputs * Units;

    public int BiasOffset => KernelOffset + KernelSize;

    public int ParameterCount => KernelSize + Units;
}
