using System.Linq;

namespace StaticNet.Generator.Model;

/// <summary>
/// The shape of one sample flowing into or out of a layer, without the batch dimension: rank 1 (features), rank 2 (a
/// sequence: steps × channels) or rank 3 (an image: height × width × channels, channels last as Keras). Values are
/// stored row-major (the last axis fastest), so a layer of any rank sees a sample as <see cref="Size"/> floats, and a
/// layer that works on the last axis (batch normalisation per channel) sees <see cref="Positions"/> rows of
/// <see cref="Channels"/>.
/// </summary>
internal sealed record TensorShape(EquatableArray<int> Dimensions)
{
    public static TensorShape Vector(int length) => new(new EquatableArray<int>(new[] { length }));

    public int Rank => Dimensions.Count;

    /// <summary>Values per sample: the product of the dimensions.</summary>
    public int Size => Dimensions.Aggregate(1, (size, dimension) => size * dimension);

    /// <summary>The last axis: features of a flat sample, channels of a sequence or an image.</summary>
    public int Channels => Dimensions[Dimensions.Count - 1];

    /// <summary>Positions along the other axes (1 for a flat sample): <see cref="Size"/> / <see cref="Channels"/>.</summary>
    public int Positions => Size / System.Math.Max(Channels, 1);

    /// <summary>As Keras prints an output shape: <c>(None, 10)</c>.</summary>
    public string Keras => "(None, " + string.Join(", ", Dimensions) + ")";

    /// <summary>As C# collection-expression text, for generated <c>LayerInfo</c>: <c>[10]</c>.</summary>
    public string Literal => "[" + string.Join(", ", Dimensions) + "]";

    /// <summary>As a comment writes it: <c>10</c> or <c>4 × 10</c>.</summary>
    public override string ToString() => string.Join(" × ", Dimensions);
}
