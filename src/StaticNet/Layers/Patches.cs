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
/// Zero padding is written as zeros. Generated code calls these where a window may leave the image; where none does,
/// it writes its own with constant sizes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Patches
{
    /// <summary>Writes the patches of <paramref name="image"/> (one sample) into <paramref name="patches"/>.</summary>
    public static void Gather(ReadOnlySpan<float> image, in Window2D window, Span<float> patches)
    {
        Check(image.Length, patches.Length, window);
        Walk<Copy>(ref MemoryMarshal.GetReference(patches), ref MemoryMarshal.GetReference(image), window);
    }

    /// <summary>
    /// Writes into <paramref name="imageGradient"/> (one sample) the sum, over every window that reads each input value,
    /// of that window's row of <paramref name="patchesGradient"/>; padding's share is dropped.
    /// </summary>
    public static void Scatter(ReadOnlySpan<float> patchesGradient, in Window2D window, Span<float> imageGradient)
    {
        Check(imageGradient.Length, patchesGradient.Length, window);
        imageGradient.Clear();
        Walk<Accumulate>(ref MemoryMarshal.GetReference(patchesGradient), ref MemoryMarshal.GetReference(imageGradient), window);
    }

    /// <summary>
    /// Visits every run of adjacent values a window reads: a kernel row inside the image with adjacent taps is one run
    /// (kernel width × channels), otherwise each tap is (its channels); taps outside the image are visited as outside.
    /// </summary>
    private static void Walk<TRun>(ref float patches, ref float image, in Window2D window)
        where TRun : struct, IRun
    {
        // The geometry in locals: read through the `in` reference, every field would be loaded again after each store.
        int height = window.Height, width = window.Width, channels = window.Channels;
        int windowHeight = window.WindowHeight, windowWidth = window.WindowWidth, dilation = window.Dilation;
        int strideHeight = window.StrideHeight, strideWidth = window.StrideWidth, padTop = window.PadTop, padLeft = window.PadLeft;
        int outputHeight = window.OutputHeight, outputWidth = window.OutputWidth;
        int tapRun = windowWidth * channels;
        int extent = dilation * (windowWidth - 1) + 1;
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
                    ref float taps = ref Unsafe.Add(ref patches, at);
                    if ((uint)ih >= (uint)height)
                    {
                        TRun.Outside(ref taps, tapRun);
                        continue;
                    }

                    ref float pixelRow = ref Unsafe.Add(ref image, (nint)ih * width * channels);
                    if (contiguous)
                    {
                        TRun.Run(ref taps, ref Unsafe.Add(ref pixelRow, (nint)left * channels), tapRun);
                        continue;
                    }

                    for (int kw = 0; kw < windowWidth; kw++)
                    {
                        int iw = left + kw * dilation;
                        ref float tap = ref Unsafe.Add(ref taps, kw * channels);
                        if ((uint)iw >= (uint)width)
                        {
                            TRun.Outside(ref tap, channels);
                        }
                        else
                        {
                            TRun.Run(ref tap, ref Unsafe.Add(ref pixelRow, (nint)iw * channels), channels);
                        }
                    }
                }
            }
        }
    }

    private static void Check(int imageLength, int patchesLength, in Window2D window)
    {
        if (imageLength != window.InputSize)
        {
            ShapeGuard.ThrowLength("image", window.InputSize, imageLength, "height × width × channels");
        }

        int size = window.OutputHeight * window.OutputWidth * window.WindowHeight * window.WindowWidth * window.Channels;
        if (patchesLength != size)
        {
            ShapeGuard.ThrowLength("patches", size, patchesLength, "output pixels × kernel height × kernel width × channels");
        }
    }

    /// <summary>What <see cref="Walk"/> does with a run of <c>count</c> values of a patch and of the image.</summary>
    private interface IRun
    {
        static abstract void Run(ref float patch, ref float image, int count);

        static abstract void Outside(ref float patch, int count);
    }

    /// <summary>Gathering: the image's values into the patch (runs are short, a kernel row: a loop, not a call of memmove); zeros outside.</summary>
    private readonly struct Copy : IRun
    {
        public static void Run(ref float patch, ref float image, int count)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i + 8 <= count; i += 8)
                {
                    Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref image, (nuint)i), ref patch, (nuint)i);
                }
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref patch, i) = Unsafe.Add(ref image, i);
            }
        }

        public static void Outside(ref float patch, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref patch, i) = 0f;
            }
        }
    }

    /// <summary>Scattering: the patch's gradient added onto the image's; padding's share dropped.</summary>
    private readonly struct Accumulate : IRun
    {
        public static void Run(ref float patch, ref float image, int count)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i + 8 <= count; i += 8)
                {
                    Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref image, (nuint)i) + Vector256.LoadUnsafe(ref patch, (nuint)i), ref image, (nuint)i);
                }
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref image, i) += Unsafe.Add(ref patch, i);
            }
        }

        public static void Outside(ref float patch, int count)
        {
        }
    }
}
