using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Generated;

/// <summary>
/// 2-D max and average pooling over rows of images, channels last, as Keras's <c>MaxPooling2D</c> and
/// <c>AveragePooling2D</c>: each channel separately, vectorised across the channels of a pixel. Padding is virtual:
/// cells outside the image take no part, so a max ignores them and an average divides by the cells inside the image
/// (Keras's rule; PyTorch's <c>count_include_pad=True</c> would divide by the whole window).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling2DReference
{
    /// <summary>Max pooling of <paramref name="count"/> samples into <paramref name="y"/> (output height × width × channels each).</summary>
    public static void MaxForward(ReadOnlySpan<float> x, Span<float> y, int count, in Window2D window) => Forward(x, y, count, window, average: false);

    /// <summary>Average pooling of <paramref name="count"/> samples, over the cells of each window inside the image.</summary>
    public static void AverageForward(ReadOnlySpan<float> x, Span<float> y, int count, in Window2D window) => Forward(x, y, count, window, average: true);

    /// <summary>
    /// dL/dx of max pooling: each output's gradient goes to the cell that gave the maximum, the first in scan order (row,
    /// then column) where several are equal, found again from <paramref name="x"/> and <paramref name="y"/> rather than
    /// kept, so the forward pass stores nothing beside its output.
    /// </summary>
    public static void MaxBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gradient, Span<float> inputGradient, int count, in Window2D window)
    {
        int outputSize = Check(x, count, window);
        DenseReference.CheckRows(y.Length, count, outputSize, nameof(y));
        DenseReference.CheckRows(gradient.Length, count, outputSize, nameof(gradient));
        DenseReference.CheckRows(inputGradient.Length, count, window.InputSize, nameof(inputGradient));
        inputGradient.Slice(0, count * window.InputSize).Clear();
        int channels = window.Channels;
        for (int s = 0; s < count; s++)
        {
            int image = s * window.InputSize;
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    int output = s * outputSize + (oh * window.OutputWidth + ow) * channels;
                    var cells = Cells(oh, ow, window);
                    for (int c = 0; c < channels; c++)
                    {
                        int at = ArgMax(x, image, cells, c, y[output + c], window);
                        inputGradient[at] += gradient[output + c];
                    }
                }
            }
        }
    }

    /// <summary>dL/dx of average pooling: each output's gradient shared equally among the cells it averaged.</summary>
    public static void AverageBackward(ReadOnlySpan<float> gradient, Span<float> inputGradient, int count, in Window2D window)
    {
        int outputSize = window.OutputHeight * window.OutputWidth * window.Channels;
        DenseReference.CheckRows(gradient.Length, count, outputSize, nameof(gradient));
        DenseReference.CheckRows(inputGradient.Length, count, window.InputSize, nameof(inputGradient));
        inputGradient.Slice(0, count * window.InputSize).Clear();
        int channels = window.Channels;
        for (int s = 0; s < count; s++)
        {
            Span<float> image = inputGradient.Slice(s * window.InputSize, window.InputSize);
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    ReadOnlySpan<float> g = gradient.Slice(s * outputSize + (oh * window.OutputWidth + ow) * channels, channels);
                    var (top, bottom, left, right) = Cells(oh, ow, window);
                    float share = 1f / ((bottom - top) * (right - left));
                    for (int ih = top; ih < bottom; ih++)
                    {
                        for (int iw = left; iw < right; iw++)
                        {
                            Span<float> cell = image.Slice((ih * window.Width + iw) * channels, channels);
                            TensorPrimitives.MultiplyAdd(g, share, cell, cell);
                        }
                    }
                }
            }
        }
    }

    private static void Forward(ReadOnlySpan<float> x, Span<float> y, int count, in Window2D window, bool average)
    {
        int outputSize = Check(x, count, window);
        DenseReference.CheckRows(y.Length, count, outputSize, nameof(y));
        int channels = window.Channels;
        for (int s = 0; s < count; s++)
        {
            ReadOnlySpan<float> image = x.Slice(s * window.InputSize, window.InputSize);
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    Span<float> z = y.Slice(s * outputSize + (oh * window.OutputWidth + ow) * channels, channels);
                    var (top, bottom, left, right) = Cells(oh, ow, window);
                    image.Slice((top * window.Width + left) * channels, channels).CopyTo(z);
                    for (int ih = top; ih < bottom; ih++)
                    {
                        for (int iw = ih == top ? left + 1 : left; iw < right; iw++)
                        {
                            ReadOnlySpan<float> cell = image.Slice((ih * window.Width + iw) * channels, channels);
                            if (average)
                            {
                                TensorPrimitives.Add(z, cell, z);
                            }
                            else
                            {
                                TensorPrimitives.Max(z, cell, z);
                            }
                        }
                    }

                    if (average)
                    {
                        TensorPrimitives.Multiply(z, 1f / ((bottom - top) * (right - left)), z);
                    }
                }
            }
        }
    }

    /// <summary>The rows [top, bottom) and columns [left, right) of the image a window covers.</summary>
    private static (int Top, int Bottom, int Left, int Right) Cells(int oh, int ow, in Window2D window)
    {
        int top = oh * window.StrideHeight - window.PadTop, left = ow * window.StrideWidth - window.PadLeft;
        return (Math.Max(top, 0), Math.Min(top + window.WindowHeight, window.Height), Math.Max(left, 0), Math.Min(left + window.WindowWidth, window.Width));
    }

    /// <summary>The index in <paramref name="x"/> of the first cell of a window's channel equal to its maximum.</summary>
    private static int ArgMax(ReadOnlySpan<float> x, int image, (int Top, int Bottom, int Left, int Right) cells, int c, float maximum, in Window2D window)
    {
        for (int ih = cells.Top; ih < cells.Bottom; ih++)
        {
            for (int iw = cells.Left; iw < cells.Right; iw++)
            {
                int at = image + (ih * window.Width + iw) * window.Channels + c;
                if (x[at] == maximum)
                {
                    return at;
                }
            }
        }

        // A NaN maximum matches no cell: its gradient (NaN too) goes to the window's first cell.
        return image + (cells.Top * window.Width + cells.Left) * window.Channels + c;
    }

    private static int Check(ReadOnlySpan<float> x, int count, in Window2D window)
    {
        if (window.Dilation != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window.Dilation, "Pooling windows are not dilated.");
        }

        DenseReference.CheckRows(x.Length, count, window.InputSize, nameof(x));
        return window.OutputHeight * window.OutputWidth * window.Channels;
    }
}
