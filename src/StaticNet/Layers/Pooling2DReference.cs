using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        int channels = window.Channels, width = window.Width, inputSize = window.InputSize;
        int outputHeight = window.OutputHeight, outputWidth = window.OutputWidth;
        // Blocks of 4 channels (every pooling layer of a small network has a few channels per pixel), the last one
        // overlapping the one before it where 4 does not divide them: its shared lanes take a zero gradient.
        bool vectors = Vector128.IsHardwareAccelerated && channels >= 4;
        int lastBlock = channels - 4;
        Vector128<float> lastLanes = Vector128.GreaterThanOrEqual(Vector128.Create(0f, 1f, 2f, 3f), Vector128.Create((float)(channels / 4 * 4 - lastBlock)));
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        ref float gradient0 = ref MemoryMarshal.GetReference(gradient);
        ref float inputGradient0 = ref MemoryMarshal.GetReference(inputGradient);
        for (int s = 0; s < count; s++)
        {
            nint image = (nint)s * inputSize;
            for (int oh = 0; oh < outputHeight; oh++)
            {
                for (int ow = 0; ow < outputWidth; ow++)
                {
                    nint output = s * outputSize + (oh * outputWidth + ow) * channels;
                    var (top, bottom, left, right) = Cells(oh, ow, window);
                    if (!vectors)
                    {
                        for (int c = 0; c < channels; c++)
                        {
                            nint at = ArgMax(ref x0, image, top, bottom, left, right, c, Unsafe.Add(ref y0, output + c), width, channels);
                            Unsafe.Add(ref inputGradient0, at) += Unsafe.Add(ref gradient0, output + c);
                        }

                        continue;
                    }

                    for (int c = 0; c < channels; c += 4)
                    {
                        Vector128<float> mask = Vector128<float>.AllBitsSet;
                        if (c > lastBlock)
                        {
                            c = lastBlock;
                            mask = lastLanes;
                        }

                        MaxBackwardBlock(ref x0, ref inputGradient0, image + c, top, bottom, left, right, width, channels, Vector128.LoadUnsafe(ref y0, (nuint)(output + c)), Vector128.LoadUnsafe(ref gradient0, (nuint)(output + c)) & mask);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Max pooling's backward pass for one window and 4 channels, branch-free: where a cell equals the maximum and no
    /// earlier cell did, it takes the gradient (the maximum's place is as unpredictable as the data, so a branch per
    /// cell would mispredict). A NaN maximum matches no cell: its gradient (NaN too) goes to the window's first cell.
    /// </summary>
    private static void MaxBackwardBlock(ref float x0, ref float inputGradient0, nint image, int top, int bottom, int left, int right, int width, int channels, Vector128<float> maximum, Vector128<float> g)
    {
        Vector128<float> pending = Vector128<float>.AllBitsSet;
        for (int ih = top; ih < bottom; ih++)
        {
            for (int iw = left; iw < right; iw++)
            {
                nuint at = (nuint)(image + (ih * width + iw) * channels);
                Vector128<float> hit = Vector128.Equals(Vector128.LoadUnsafe(ref x0, at), maximum) & pending;
                Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref inputGradient0, at) + (hit & g), ref inputGradient0, at);
                pending = Vector128.AndNot(pending, hit);
            }
        }

        nuint first = (nuint)(image + (top * width + left) * channels);
        Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref inputGradient0, first) + (pending & g), ref inputGradient0, first);
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
        int channels = window.Channels, width = window.Width, inputSize = window.InputSize;
        int outputHeight = window.OutputHeight, outputWidth = window.OutputWidth;

        // Blocks of 4 channels, the last one overlapping the one before it where 4 does not divide them (its shared
        // lanes computed twice, identically); fewer than 4 channels one at a time.
        bool vectors = Vector128.IsHardwareAccelerated && channels >= 4;
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        for (int s = 0; s < count; s++)
        {
            nint image = (nint)s * inputSize;
            for (int oh = 0; oh < outputHeight; oh++)
            {
                for (int ow = 0; ow < outputWidth; ow++)
                {
                    nint output = s * outputSize + (oh * outputWidth + ow) * channels;
                    var (top, bottom, left, right) = Cells(oh, ow, window);
                    float share = 1f / ((bottom - top) * (right - left));
                    nint first = image + (top * width + left) * channels;
                    if (!vectors)
                    {
                        for (int c = 0; c < channels; c++)
                        {
                            float z = Unsafe.Add(ref x0, first + c);
                            for (int ih = top; ih < bottom; ih++)
                            {
                                for (int iw = ih == top ? left + 1 : left; iw < right; iw++)
                                {
                                    float cell = Unsafe.Add(ref x0, image + (ih * width + iw) * channels + c);
                                    z = average ? z + cell : MathF.Max(z, cell);
                                }
                            }

                            Unsafe.Add(ref y0, output + c) = average ? z * share : z;
                        }

                        continue;
                    }

                    for (int c = 0; c < channels; c += 4)
                    {
                        c = Math.Min(c, channels - 4);
                        Vector128<float> z = Vector128.LoadUnsafe(ref x0, (nuint)(first + c));
                        for (int ih = top; ih < bottom; ih++)
                        {
                            for (int iw = ih == top ? left + 1 : left; iw < right; iw++)
                            {
                                Vector128<float> cell = Vector128.LoadUnsafe(ref x0, (nuint)(image + (ih * width + iw) * channels + c));
                                z = average ? z + cell : Vector128.Max(z, cell);
                            }
                        }

                        Vector128.StoreUnsafe(average ? z * share : z, ref y0, (nuint)(output + c));
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

    /// <summary>The index in <paramref name="x0"/>'s span of the first cell of a window's channel equal to its maximum.</summary>
    private static nint ArgMax(ref float x0, nint image, int top, int bottom, int left, int right, int c, float maximum, int width, int channels)
    {
        for (int ih = top; ih < bottom; ih++)
        {
            for (int iw = left; iw < right; iw++)
            {
                nint at = image + (ih * width + iw) * channels + c;
                if (Unsafe.Add(ref x0, at) == maximum)
                {
                    return at;
                }
            }
        }

        // A NaN maximum matches no cell: its gradient (NaN too) goes to the window's first cell.
        return image + (top * width + left) * channels + c;
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
