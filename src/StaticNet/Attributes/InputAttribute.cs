namespace StaticNet;

/// <summary>
/// Declares the shape of one input sample, without the batch dimension, as Keras's <c>Input(shape=…)</c>: features
/// (<c>[Input(4)]</c>), a sequence of steps × channels (<c>[Input(100, 3)]</c>), or an image of height × width × channels,
/// channels last (<c>[Input(28, 28, 1)]</c>). A sample is always passed as its values in row-major order (the last axis
/// fastest), <see cref="Size"/> floats. It must be the first shape attribute and appear once.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A flat input of <paramref name="size"/> features.</summary>
    /// <param name="size">The number of features per sample (at least 1).</param>
    public InputAttribute(int size) => Shape = [size];

    /// <summary>A sequence: <paramref name="steps"/> steps of <paramref name="channels"/> values each.</summary>
    /// <param name="steps">Steps per sample (at least 1).</param>
    /// <param name="channels">Values per step (at least 1).</param>
    public InputAttribute(int steps, int channels) => Shape = [steps, channels];

    /// <summary>An image: <paramref name="height"/> rows of <paramref name="width"/> pixels of <paramref name="channels"/> values, channels last.</summary>
    /// <param name="height">Rows per image (at least 1).</param>
    /// <param name="width">Pixels per row (at least 1).</param>
    /// <param name="channels">Values per pixel (at least 1): 1 for grey, 3 for RGB.</param>
    public InputAttribute(int height, int width, int channels) => Shape = [height, width, channels];

    /// <summary>The shape of one sample, outermost axis first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of values per sample: the product of <see cref="Shape"/>.</summary>
    public int Size => Shape.Aggregate(1, (size, dimension) => size * dimension);
}
