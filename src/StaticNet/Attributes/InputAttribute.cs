namespace StaticNet;

/// <summary>Declares the number of input features of a network. It must be the first shape attribute and appear once.</summary>
/// <param name="size">The number of features per sample (at least 1).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute(int size) : Attribute
{
    /// <summary>The number of features per sample.</summary>
    public int Size { get; } = size;
}
