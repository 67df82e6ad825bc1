using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Generated;

/// <summary>
/// A Dense layer written as plain loops over rows: the one portable implementation, which generated code runs where
/// neither 256-bit nor (for the mini-batch passes, which have 128-bit twins) 128-bit SIMD is hardware-accelerated, and
/// for compact layers, and the oracle the tests hold the generated code to. Each unit's sum starts
/// from its bias and adds the inputs in order with fused multiply-adds, and gradients are added sample by sample, as the
/// generated code does, so the two agree closely (and for the forward pass of SIMD layers, to the bit).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseReference
{
    /// <summary>
    /// <c>y = activation(x·W + b)</c> for <paramref name="count"/> rows of <paramref name="x"/>; with
    /// <paramref name="activate"/> false, only the pre-activation <c>x·W + b</c> (an output layer's logits).
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias,
        ReadOnlySpan<float> x,
        Span<float> y,
        int count,
        int inputs,
        int units,
        Activation activation,
        float negativeSlope,
        bool activate)
    {
        Check(kernel.Length, inputs * units, nameof(kernel));
        Check(bias.Length, units, nameof(bias));
        CheckRows(x.Length, count, inputs, nameof(x));
        CheckRows(y.Length, count, units, nameof(y));
        for (int s = 0; s < count; s++)
        {
            ReadOnlySpan<float> row = x.Slice(s * inputs, inputs);
            Span<float> z = y.Slice(s * units, units);
            bias.CopyTo(z);
            if (units < 4)
            {
                // What TensorPrimitives does for fewer than four values, without a call per input (a Dense of one
                // unit over a flattened sequence of 512 values spent 1.6 µs a sample in the calls).
                for (int j = 0; j < units; j++)
                {
                    float sum = z[j];
                    for (int i = 0; i < inputs; i++)
                    {
                        sum = float.MultiplyAddEstimate(kernel[(i * units) + j], row[i], sum);
                    }

                    z[j] = sum;
                }
            }
            else
            {
                for (int i = 0; i < inputs; i++)
                {
                    TensorPrimitives.MultiplyAddEstimate(kernel.Slice(i * units, units), row[i], z, z);
                }
            }

            if (activate)
            {
                Activations.ApplyPrecise(activation, z, negativeSlope);
            }
        }
    }

    /// <summary>
    /// One sample's gradient with respect to the layer's input only (no parameter gradients: what saliency needs):
    /// <c>dx = W · (dy ⊙ f'(z))</c>, through the activation unless <paramref name="throughActivation"/> is false (the
    /// gradient is then already with respect to z). <paramref name="gradient"/> is changed in place to d/dz.
    /// </summary>
    public static void InputGradient(
        ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> y,
        Span<float> gradient,
        Span<float> inputGradient,
        int inputs,
        int units,
        Activation activation,
        float negativeSlope,
        bool throughActivation)
    {
        Check(kernel.Length, inputs * units, nameof(kernel));
        Check(gradient.Length, units, nameof(gradient));
        Check(inputGradient.Length, inputs, nameof(inputGradient));
        if (throughActivation)
        {
            Check(y.Length, units, nameof(y));
            Activations.Backward(activation, y, gradient, negativeSlope);
        }

        for (int i = 0; i < inputs; i++)
        {
            inputGradient[i] = TensorPrimitives.Dot(kernel.Slice(i * units, units), gradient);
        }
    }

    /// <summary>
    /// The backward pass for <paramref name="count"/> rows. <paramref name="gradient"/> holds dL/dy; with
    /// <paramref name="throughActivation"/> it is first carried through the activation (written in terms of the outputs
    /// <paramref name="y"/>) to dL/dz, in place; without, it already is dL/dz (an output layer, whose activation the loss
    /// took). Then dL/dW = Σ_s x_sᵀ·dL/dz_s and dL/db = Σ_s dL/dz_s are added into <paramref name="kernelGradient"/> and
    /// <paramref name="biasGradient"/>, and, unless <paramref name="inputGradient"/> is empty, dL/dx_s = W·dL/dz_s is written into it.
    /// With <paramref name="kernelTransposed"/>, <paramref name="kernel"/> holds Wᵀ (units × inputs), as the generated
    /// mini-batch pass reads it, and dL/dx_s is computed as Σ_j dL/dz_s[j] · Wᵀ[j, :].
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> y,
        Span<float> gradient,
        Span<float> kernelGradient,
        Span<float> biasGradient,
        Span<float> inputGradient,
        int count,
        int inputs,
        int units,
        Activation activation,
        float negativeSlope,
        bool throughActivation,
        bool kernelTransposed = false)
    {
        Check(kernel.Length, inputs * units, nameof(kernel));
        Check(kernelGradient.Length, inputs * units, nameof(kernelGradient));
        Check(biasGradient.Length, units, nameof(biasGradient));
        CheckRows(x.Length, count, inputs, nameof(x));
        CheckRows(gradient.Length, count, units, nameof(gradient));
        if (throughActivation)
        {
            CheckRows(y.Length, count, units, nameof(y));
        }

        if (!inputGradient.IsEmpty)
        {
            CheckRows(inputGradient.Length, count, inputs, nameof(inputGradient));
        }

        for (int s = 0; s < count; s++)
        {
            Span<float> d = gradient.Slice(s * units, units);
            if (throughActivation)
            {
                Activations.Backward(activation, y.Slice(s * units, units), d, negativeSlope);
            }

            TensorPrimitives.Add(biasGradient, d, biasGradient);
            for (int i = 0; i < inputs; i++)
            {
                Span<float> row = kernelGradient.Slice(i * units, units);
                TensorPrimitives.MultiplyAddEstimate(d, x[s * inputs + i], row, row);
            }

            if (inputGradient.IsEmpty)
            {
                continue;
            }

            Span<float> dx = inputGradient.Slice(s * inputs, inputs);
            if (kernelTransposed)
            {
                dx.Clear();
                for (int j = 0; j < units; j++)
                {
                    TensorPrimitives.MultiplyAddEstimate(kernel.Slice(j * inputs, inputs), d[j], dx, dx);
                }
            }
            else
            {
                for (int i = 0; i < inputs; i++)
                {
                    dx[i] = TensorPrimitives.Dot(kernel.Slice(i * units, units), d);
                }
            }
        }
    }

    internal static void Check(int actual, int expected, string name)
    {
        if (actual < expected)
        {
            ShapeGuard.ThrowLength(name, expected, actual, "the layer's size");
        }
    }

    internal static void CheckRows(int actual, int count, int width, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (actual < (long)count * width)
        {
            ShapeGuard.ThrowLength(name, count * width, actual, $"{count} rows of {width}");
        }
    }
}
