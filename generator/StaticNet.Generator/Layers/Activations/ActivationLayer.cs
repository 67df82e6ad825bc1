using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Activations;

/// <summary>A standalone activation, as Keras's <c>Activation</c> layer: <c>y = f(x)</c>, no parameters.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>activation_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Activation1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">The same shape.</param>
/// <param name="Function">The activation and its slope.</param>
internal sealed record ActivationLayer(int Index, string Name, string Prefix, TensorShape Input, TensorShape Output, ActivationFunction Function)
    : LayerModel("Activation", Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    public override ActivationFunction? TrailingActivation => Function;

    /// <summary>As the last layer its activation is the network's, and nothing is left for the layer to do.</summary>
    public override bool IsIdentityWithoutActivation => true;

    /// <summary>Element by element: per step, or on the state after the last recurrent layer.</summary>
    public override int StreamingState => 0;
}
