namespace StaticNet;

/// <summary>
/// Flattens each sample to a vector, as Keras's <c>Flatten</c>: an image of height × width × channels becomes
/// height · width · channels features in row, column, channel order (channels fastest), the order a sample's values are
/// stored in, so the layer moves no data. Dense layers take flat input only: put this before the first Dense layer
/// after a convolution, a pooling layer or a rank-2 or rank-3 <see cref="InputAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute;
