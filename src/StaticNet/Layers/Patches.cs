using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// A convolution as a matrix product (im2col): <see cref="Gather"/> lays out one image's windows as rows, one row per
/// output pixel holding the window's taps in the kernel's order (kernel row, kernel column, channel), so that the
/// convolution is those rows times the kernel stored (taps × channels) × filters, written by the same generated
/// matrix-product code as a Dense layer. <see cref="Scatter"/> adds the gradient of those rows back onto the image.
/// Zero padding is written as zeros.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Patches
{
    /// <summary>Floats of one image's patches: output pixels × kernel height × kernel width × channels.</summary>
    public static int Size(in Window2D window) => window.OutputHeight * window.OutputWidth * RowLength(window);

    /// <summary>Writes the patches of <paramref name="image"/> (one sample) into <paramref name="patches"/>.</summary>
    public static void Gather(ReadOnlySpan<float> image, in Window2D window, Span<float> patches)
    {
        Check(image.Length, patches.Length, window);

        // The geometry in locals: read through the `in` reference, every field would be loaded again after each store.
        int height = window.Height, width = window.Width, channels = window.Channels;
        int windowHeight = window.WindowHeight, windowWidth = window.WindowWidth, dilation = window.Dilation;
        int strideHeight = window.StrideHeight, strideWidth = window.StrideWidth, padTop = window.PadTop, padLeft = window.PadLeft;
        int outputHeight = window.OutputHeight, outputWidth = window.OutputWidth;
        int tapRun = windowWidth * channels;
        int extent = dilation * (windowWidth - 1) + 1;
        ref float source = ref MemoryMarshal.GetReference(image);
        ref float target = ref MemoryMarshal.GetReference(patches);
        nint at = 0;
        for (int oh = 0; oh < outputHeight; oh++)
        {
            int top = oh * strideHeight - padTop;
            for (int ow = 0; ow < outputWidth; ow++)
            {
                int left = ow * strideWidth - padLeft;

                // Where a kernel row lies inside the image and its taps are adjacent, it is one run of values.
                bool contiguous = dilation == 1 && left >= 0 && left + extent <= width;
                for (int kh = 0; kh < windowHeight; kh++, at += tapRun)
                {
                    int ih = top + kh * dilation;
                    ref float taps = ref Unsafe.Add(ref target, at);
                    if ((uint)ih >= (uint)height)
                    {
                        Clear(ref taps, tapRun);
                        continue;
                    }

                    ref float pixelRow = ref Unsafe.Add(ref source, (nint)ih * width * channels);
                    if (contiguous)
                    {
                        Copy(ref Unsafe.Add(ref pixelRow, (nint)left * channels), ref taps, tapRun);
                        continue;
                    }

                    for (int kw = 0; kw < windowWidth; kw++)
                    {
                        int iw = left + kw * dilation;
                        ref float tap = ref Unsafe.Add(ref taps, kw * channels);
                        if ((uint)iw >= (uint)width)
                        {
                            Clear(ref tap, channels);
                        }
                        else
                        {
                            Copy(ref Unsafe.Add(ref pixelRow, (nint)iw * channels), ref tap, channels);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes into <paramref name="imageGradient"/> (one sample) the sum, over every window that reads each input value,
    /// of that window's row of <paramref name="patchesGradient"/>; padding's share is dropped.
    /// </summary>
    public static void Scatter(ReadOnlySpan<float> patchesGradient, in Window2D window, Span<float> imageGradient)
    {
        Check(imageGradient.Length, patchesGradient.Length, window);
        imageGradient.Clear();
        int height = window.Height, width = window.Width, channels = window.Channels;
        int windowHeight = window.WindowHeight, windowWidth = window.WindowWidth, dilation = window.Dilation;
        int strideHeight = window.StrideHeight, strideWidth = window.StrideWidth, padTop = window.PadTop, padLeft = window.PadLeft;
        int outputHeight = window.OutputHeight, outputWidth = window.OutputWidth;
        int tapRun = windowWidth * channels;
        int extent = dilation * (windowWidth - 1) + 1;
        ref float source = ref MemoryMarshal.GetReference(patchesGradient);
        ref float target = ref MemoryMarshal.GetReference(imageGradient);
        nint at = 0;
        for (int oh = 0; oh < outputHeight; oh++)
        {
            int top = oh * strideHeight - padTop;
            for (int ow = 0; ow < outputWidth; ow++)
            {
                int left = ow * strideWidth - padLeft;
                bool contiguous = dilation == 1 && left >= 0 && left + extent <= width;
                for (int kh = 0; kh < windowHeight; kh++, at += tapRun)
                {
                    int ih = top + kh * dilation;
                    if ((uint)ih >= (uint)height)
                    {
                        continue;
                    }

                    ref float taps = ref Unsafe.Add(ref source, at);
                    ref float pixelRow = ref Unsafe.Add(ref target, (nint)ih * width * channels);
                    if (contiguous)
                    {
                        Accumulate(ref taps, ref Unsafe.Add(ref pixelRow, (nint)left * channels), tapRun);
                        continue;
                    }

                    for (int kw = 0; kw < windowWidth; kw++)
                    {
                        int iw = left + kw * dilation;
                        if ((uint)iw < (uint)width)
                        {
                            Accumulate(ref Unsafe.Add(ref taps, kw * channels), ref Unsafe.Add(ref pixelRow, (nint)iw * channels), channels);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Copies <paramref name="count"/> floats: runs are short (a kernel row), so a loop, not a call of memmove.</summary>
    private static void Copy(ref float from, ref float to, int count)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8)
            {
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from, (nuint)i), ref to, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
        }
    }

    private static void Clear(ref float to, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref to, i) = 0f;
        }
    }

    /// <summary>Adds <paramref name="count"/> floats of <paramref name="from"/> into <paramref name="to"/>.</summary>
    private static void Accumulate(ref float from, ref float to, int count)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8)
            {
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref to, (nuint)i) + Vector256.LoadUnsafe(ref from, (nuint)i), ref to, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref to, i) += Unsafe.Add(ref from, i);
        }
    }

    private static int RowLength(in Window2D window) => window.WindowHeight * window.WindowWidth * window.Channels;

    private static void Check(int imageLength, int patchesLength, in Window2D window)
    {
        if (imageLength != window.InputSize)
        {
            ShapeGuard.ThrowLength("image", window.InputSize, imageLength, "height × width × channels");
        }

        int size = Size(window);
        if (patchesLength != size)
        {
            ShapeGuard.ThrowLength("patches", size, patchesLength, "output pixels × kernel height × kernel width × channels");
        }
    }
}
