using System.ComponentModel;

namespace StaticNet.Generated;

/// <summary>
/// The geometry of a 2-D window sliding over an image of one sample, channels last (height × width × channels): a
/// convolution's kernel or a pooling window. Generated code passes one of these, with every size a constant, to
/// <see cref="Conv2DReference"/> and <see cref="Pooling2DReference"/>. The generator computes the output size and the
/// padding as Keras does (TensorFlow's rule for Same: the odd row or column of padding goes at the bottom and right).
/// </summary>
/// <param name="Height">Input rows.</param>
/// <param name="Width">Input columns.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="WindowHeight">Window (kernel or pool) rows.</param>
/// <param name="WindowWidth">Window columns.</param>
/// <param name="StrideHeight">Rows between windows.</param>
/// <param name="StrideWidth">Columns between windows.</param>
/// <param name="Dilation">Step between a window's taps, both axes (1: adjacent).</param>
/// <param name="PadTop">Rows of padding above the image (the rest of the padding is below).</param>
/// <param name="PadLeft">Columns of padding left of the image.</param>
/// <param name="OutputHeight">Output rows.</param>
/// <param name="OutputWidth">Output columns.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Window2D(
    int Height,
    int Width,
    int Channels,
    int WindowHeight,
    int WindowWidth,
    int StrideHeight,
    int StrideWidth,
    int Dilation,
    int PadTop,
    int PadLeft,
    int OutputHeight,
    int OutputWidth)
{
    /// <summary>Values of one input sample.</summary>
    public int InputSize => Height * Width * Channels;
}
