using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>2-D max or average pooling, channels last, each channel separately.</summary>
/// <param name="Type"><c>MaxPooling2D</c>, <c>AveragePooling2D</c>, or a global one.</param>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>max_pooling2d_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>MaxPooling2D1</c>.</param>
/// <param name="Input">Height × width × channels.</param>
/// <param name="Output">Output height × output width × channels.</param>
/// <param name="Window">Where the window goes over the image.</param>
/// <param name="Padding">Valid or Same (the geometry holds its effect; kept for the description).</param>
/// <param name="Masked">A global average over steps that an embedding's padding mask reaches: padded steps are left out.</param>
internal sealed record Pooling2DLayer(string Type, int Index, string Name, string Prefix, TensorShape Input, TensorShape Output, Window2DGeometry Window, Padding Padding, bool Masked = false)
    : LayerModel(Type, Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    /// <summary>Each output is its window's maximum (else its mean).</summary>
    public bool IsMax => Type == Pooling2DKind.Max.Type || Type == Pooling2DKind.GlobalMax.Type || Type == Pooling2DKind.Max1D.Type || Type == Pooling2DKind.GlobalMax1D.Type;
}
