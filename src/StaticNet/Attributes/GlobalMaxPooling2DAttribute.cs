namespace StaticNet;

/// <summary>
/// The maximum of each channel over the whole image, as Keras's <c>GlobalMaxPooling2D</c> (with its default <c>keepdims=False</c>):
/// height × width × channels becomes a vector of the channels, which a Dense layer takes without <see cref="FlattenAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling2DAttribute : Attribute;
