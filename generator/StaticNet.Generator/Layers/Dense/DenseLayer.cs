using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>A fully connected layer: <c>activation(x·W + b)</c>, W stored inputs × units row-major.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>dense_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Dense1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">(units), or (steps, units) on a sequence.</param>
/// <param name="Parameters">The kernel, then the bias.</param>
/// <param name="Units">Outputs.</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">LeakyReLU's slope below zero.</param>
internal sealed record DenseLayer(
    int Index,
    string Name,
    string Prefix,
    TensorShape Input,
    TensorShape Output,
    EquatableArray<ParameterTensor> Parameters,
    int Units,
    Activation Activation,
    float NegativeSlope)
    : LayerModel("Dense", Index, Name, Prefix, Input, Output, Parameters)
{
    /// <summary>The kernel's rows: one step's features on a sequence, else the flat sample's size.</summary>
    public int Inputs => Input.Rank == 2 ? Input.Channels : Input.Size;

    /// <summary>Rows per sample: the steps of a sequence (Keras applies Dense to the last axis of each), else 1.</summary>
    public int Steps => Input.Rank == 2 ? Input.Dimensions[0] : 1;

    public int KernelSize => Inputs * Units;

    public ParameterTensor Kernel => Parameters[0];

    public override ActivationFunction? TrailingActivation => new(Activation, NegativeSlope);

    /// <summary>After the last recurrent layer, a streaming step runs it on the state (one sample); nothing kept.</summary>
    public override int StreamingState => 0;
}
