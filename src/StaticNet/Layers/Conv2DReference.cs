using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Generated;

/// <summary>
/// A 2-D convolution over rows of images, channels last, as Keras's <c>Conv2D</c>: the kernel is stored
/// (kernel height, kernel width, input channels, filters) row-major, so the filters of one tap and channel are contiguous
/// and every inner loop is a vector multiply-add across the filters. Zero padding is virtual: taps outside the image are
/// skipped. The loop-based reference of the convolution's backward pass: generated code calls it for one sample in
/// <c>InputGradient</c> (saliency); its mini-batch passes are generated matrix products over the image's patches.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Conv2DReference
{
    /// <summary>
    /// The backward pass for <paramref name="count"/> samples. From dL/dy (<paramref name="gradient"/>, overwritten with
    /// dL/dz when <paramref name="throughActivation"/>: then <paramref name="y"/> holds the activated outputs), adds
    /// dL/dW and dL/db into <paramref name="kernelGradient"/> and <paramref name="biasGradient"/> (skipped where empty:
    /// input gradients only) and, unless <paramref name="inputGradient"/> is empty, writes dL/dx into it.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> y,
        Span<float> gradient,
        ReadOnlySpan<float> kernel,
        Span<float> kernelGradient,
        Span<float> biasGradient,
        Span<float> inputGradient,
        int count,
        in Window2D window,
        int filters,
        Activation activation,
        float negativeSlope,
        bool throughActivation)
    {
        int outputSize = window.OutputHeight * window.OutputWidth * filters;
        Check(x, kernel, count, window, filters);
        DenseReference.CheckRows(gradient.Length, count, outputSize, nameof(gradient));
        bool parameters = !kernelGradient.IsEmpty;
        if (parameters && (kernelGradient.Length != kernel.Length || biasGradient.Length != filters))
        {
            ShapeGuard.ThrowLength(nameof(kernelGradient), kernel.Length, kernelGradient.Length, "the kernel's size");
        }

        bool input = !inputGradient.IsEmpty;
        if (input)
        {
            DenseReference.CheckRows(inputGradient.Length, count, window.InputSize, nameof(inputGradient));
            inputGradient.Slice(0, count * window.InputSize).Clear();
        }

        Span<float> dz = gradient.Slice(0, count * outputSize);
        if (throughActivation)
        {
            DenseReference.CheckRows(y.Length, count, outputSize, nameof(y));
            Activations.Backward(activation, y.Slice(0, count * outputSize), dz, negativeSlope);
        }

        for (int s = 0; s < count; s++)
        {
            ReadOnlySpan<float> image = x.Slice(s * window.InputSize, window.InputSize);
            Span<float> imageGradient = input ? inputGradient.Slice(s * window.InputSize, window.InputSize) : default;
            for (int oh = 0; oh < window.OutputHeight; oh++)
            {
                for (int ow = 0; ow < window.OutputWidth; ow++)
                {
                    ReadOnlySpan<float> g = dz.Slice(((s * window.OutputHeight + oh) * window.OutputWidth + ow) * filters, filters);
                    if (parameters)
                    {
                        TensorPrimitives.Add(biasGradient, g, biasGradient);
                    }

                    for (int kh = 0; kh < window.WindowHeight; kh++)
                    {
                        int ih = oh * window.StrideHeight - window.PadTop + kh * window.Dilation;
                        if ((uint)ih >= (uint)window.Height)
                        {
                            continue;
                        }

                        for (int kw = 0; kw < window.WindowWidth; kw++)
                        {
                            int iw = ow * window.StrideWidth - window.PadLeft + kw * window.Dilation;
                            if ((uint)iw >= (uint)window.Width)
                            {
                                continue;
                            }

                            int at = (ih * window.Width + iw) * window.Channels;
                            int tap = (kh * window.WindowWidth + kw) * window.Channels * filters;
                            for (int c = 0; c < window.Channels; c++)
                            {
                                if (parameters)
                                {
                                    Span<float> row = kernelGradient.Slice(tap + c * filters, filters);
                                    TensorPrimitives.MultiplyAddEstimate(g, image[at + c], row, row);
                                }

                                if (input)
                                {
                                    imageGradient[at + c] += TensorPrimitives.Dot(kernel.Slice(tap + c * filters, filters), g);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void Check(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, int count, in Window2D window, int filters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        DenseReference.CheckRows(x.Length, count, window.InputSize, nameof(x));
        int kernelSize = window.WindowHeight * window.WindowWidth * window.Channels * filters;
        if (kernel.Length != kernelSize)
        {
            ShapeGuard.ThrowLength(nameof(kernel), kernelSize, kernel.Length, "kernel height × kernel width × channels × filters");
        }
    }
}
