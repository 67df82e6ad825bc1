namespace StaticNet;

/// <summary>
/// 2-D average pooling over images, channels last, as Keras's <c>AveragePooling2D</c>: each output is the mean of its
/// window, per channel. With <see cref="Padding.Same"/>, a window at the edge averages only the cells inside the image
/// (Keras's rule; PyTorch's default divides by the whole window).
/// </summary>
/// <param name="poolHeight">Window rows (at least 1).</param>
/// <param name="poolWidth">Window columns (at least 1).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling2DAttribute(int poolHeight, int poolWidth) : Attribute
{
    /// <summary>Window rows.</summary>
    public int PoolHeight { get; } = poolHeight;

    /// <summary>Window columns.</summary>
    public int PoolWidth { get; } = poolWidth;

    /// <summary>Step between windows along both axes; 0 (the default) means the pool size along each axis, as Keras's <c>strides=None</c>.</summary>
    public int Strides { get; set; }

    /// <summary><see cref="Padding.Valid"/> (the default, as Keras) or <see cref="Padding.Same"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
