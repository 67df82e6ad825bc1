namespace StaticNet;

/// <summary>
/// The maximum of each channel over all steps, as Keras's <c>GlobalMaxPooling1D</c>: steps × channels becomes a vector
/// of the channels, which a Dense layer takes directly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling1DAttribute : Attribute;
