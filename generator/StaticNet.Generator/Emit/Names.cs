using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Names of generated members that more than one emitter refers to.</summary>
internal static class Names
{
    /// <summary>The constant holding a tensor's offset in its buffer: <c>Dense1KernelOffset</c>, <c>BatchNormalization1MovingMeanOffset</c>.</summary>
    public static string Offset(LayerModel layer, PlacedTensor tensor) => layer.Prefix + tensor.Tensor.Member + "Offset";

    /// <summary>The property viewing a tensor: <c>Dense1Kernel</c>.</summary>
    public static string Accessor(LayerModel layer, PlacedTensor tensor) => layer.Prefix + tensor.Tensor.Member;
}
