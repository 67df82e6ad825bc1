namespace StaticNet.Generator.Model;

/// <summary>
/// Where a 2-D window (a convolution's kernel, a pooling window) goes over one sample's image, channels last: the
/// input, the window, strides, dilation, and the output size and padding Keras computes for them. The runtime's
/// <c>Window2D</c> receives exactly these numbers as constants.
/// </summary>
internal sealed record Window2DGeometry(
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
    /// <summary>The geometry over an image <paramref name="input"/> (height × width × channels).</summary>
    public static Window2DGeometry Of(TensorShape input, int windowHeight, int windowWidth, int strideHeight, int strideWidth, int dilation, Padding padding)
    {
        var (outputHeight, padTop) = Axis(input.Dimensions[0], windowHeight, strideHeight, dilation, padding);
        var (outputWidth, padLeft) = Axis(input.Dimensions[1], windowWidth, strideWidth, dilation, padding);
        return new Window2DGeometry(
            input.Dimensions[0], input.Dimensions[1], input.Dimensions[2], windowHeight, windowWidth, strideHeight, strideWidth, dilation, padTop, padLeft, outputHeight, outputWidth);
    }

    /// <summary>
    /// The output size along one axis of <paramref name="input"/> positions and the padding before the first, as Keras
    /// (TensorFlow) computes them: Valid, ⌊(input − extent) / stride⌋ + 1 and none (0 when the window does not fit);
    /// Same, ⌈input / stride⌉, with the padding split so that an odd remainder goes after the last position.
    /// </summary>
    public static (int Output, int PadBefore) Axis(int input, int window, int stride, int dilation, Padding padding)
    {
        long extent = (long)dilation * (window - 1) + 1;
        if (padding == Padding.Valid)
        {
            return (input >= extent ? (int)((input - extent) / stride) + 1 : 0, 0);
        }

        int output = (int)(((long)input + stride - 1) / stride);
        long total = System.Math.Max((output - 1L) * stride + extent - input, 0);
        return (output, (int)(total / 2));
    }

    /// <summary>Extent of the window along each axis: its taps and the gaps between them.</summary>
    public int ExtentHeight => Dilation * (WindowHeight - 1) + 1;

    public int ExtentWidth => Dilation * (WindowWidth - 1) + 1;

    /// <summary>The runtime's <c>Window2D</c> with these numbers, as a C# expression.</summary>
    public string Literal =>
        $"new global::StaticNet.Generated.Window2D({Height}, {Width}, {Channels}, {WindowHeight}, {WindowWidth}, {StrideHeight}, {StrideWidth}, {Dilation}, {PadTop}, {PadLeft}, {OutputHeight}, {OutputWidth})";
}
