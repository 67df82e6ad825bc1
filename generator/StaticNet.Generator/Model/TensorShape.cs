using System.Linq;

namespace StaticNet.Generator.Model;

/// <summary>
/// The shape of one sample flowing into or out of a layer, without the batch dimension: rank 1 (features) today, rank 2
/// (a sequence: steps × features) and rank 3 (an image: height × width × channels) when convolutional and recurrent
/// layers arrive. Values are stored row-major, so a layer of any rank sees a sample as <see cref="Size"/> floats.
/// </summary>
internal sealed record TensorShape(EquatableArray<int> Dimensions)
{
    public static TensorShape Vector(int length) => new(new EquatableArray<int>(new[] { length }));

    public int Rank => Dimensions.Count;

    /// <summary>Values per sample: the product of the dimensions.</summary>
    public int Size => Dimensions.Aggregate(1, (size, dimension) => size * dimension);

    /// <summary>As Keras prints an output shape: <c>(None, 10)</c>.</summary>
    public string Keras => "(None, " + string.Join(", ", Dimensions) + ")";

    /// <summary>As C# collection-expression text, for generated <c>LayerInfo</c>: <c>[10]</c>.</summary>
    public string Literal => "[" + string.Join(", ", Dimensions) + "]";

    /// <summary>As a comment writes it: <c>10</c> or <c>4 × 10</c>.</summary>
    public override string ToString() => string.Join(" × ", Dimensions);
}
