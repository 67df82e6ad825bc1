using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Flatten;

/// <summary>A reshape to a vector: the values keep their row-major order, so every pass skips the layer.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>flatten_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Flatten1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">(height · width · channels).</param>
internal sealed record FlattenLayer(int Index, string Name, string Prefix, TensorShape Input, TensorShape Output)
    : LayerModel("Flatten", Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    public override bool IsIdentityInInference => true;

    public override bool IsIdentityInTraining => true;
}
