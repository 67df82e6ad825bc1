namespace StaticNet;

/// <summary>One layer of a generated network, as the generator laid it out.</summary>
/// <param name="Name">The layer's name as Keras would print it: <c>dense_1</c>, <c>dense_2</c>, …</param>
/// <param name="Type">The layer type, e.g. <c>Dense</c>.</param>
/// <param name="Inputs">The number of inputs.</param>
/// <param name="Units">The number of outputs.</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">The slope below zero for <see cref="Activation.LeakyReLU"/> (otherwise unused).</param>
/// <param name="KernelOffset">Where the kernel (inputs × units, row-major) starts in the flat parameter buffer.</param>
/// <param name="BiasOffset">Where the bias (units) starts in the flat parameter buffer.</param>
/// <param name="Strategy">How the generator emitted this layer's code, e.g. <c>Unrolled</c> or <c>Loop</c>.</param>
public sealed record LayerInfo(
    string Name,
    string Type,
    int Inputs,
    int Units,
    Activation Activation,
    float NegativeSlope,
    int KernelOffset,
    int BiasOffset,
    string Strategy)
{
    /// <summary>The number of parameters: kernel plus bias.</summary>
    public int ParameterCount => Inputs * Units + Units;
}
