using System.ComponentModel;

namespace StaticNet.Generated;

/// <summary>
/// A standalone activation layer over a tile of rows: <c>y = f(x)</c> element by element (Softmax per row), and its
/// backward pass written through the output, as <see cref="Activations.Backward(Activation, ReadOnlySpan{float}, Span{float}, float)"/> writes every activation's derivative.
/// Tanh is the scalar library's, correctly rounded, as in every loop-based layer reference.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationReference
{
    /// <summary>Writes <c>f(x)</c> for <paramref name="count"/> rows of <paramref name="units"/> into <paramref name="y"/>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, int count, int units, Activation activation, float negativeSlope)
    {
        DenseReference.CheckRows(x.Length, count, units, nameof(x));
        DenseReference.CheckRows(y.Length, count, units, nameof(y));
        int length = count * units;
        Span<float> values = y.Slice(0, length);
        x.Slice(0, length).CopyTo(values);
        switch (activation)
        {
            case Activation.Softmax:
                for (int s = 0; s < count; s++)
                {
                    Activations.Softmax(values.Slice(s * units, units));
                }

                break;
            default:
                Activations.ApplyPrecise(activation, values, negativeSlope);
                break;
        }
    }

    /// <summary>
    /// dL/dx = dL/dy ⊙ f′, for <paramref name="count"/> rows of <paramref name="units"/>, from the inputs
    /// <paramref name="x"/> (GELU and SiLU) or the outputs <paramref name="y"/> the forward pass wrote (the others;
    /// Softmax: its Jacobian per row).
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gradient, Span<float> inputGradient, int count, int units, Activation activation, float negativeSlope)
    {
        if (!Activations.NeedsInput(activation))
        {
            Backward(y, gradient, inputGradient, count, units, activation, negativeSlope);
            return;
        }

        DenseReference.CheckRows(x.Length, count, units, nameof(x));
        DenseReference.CheckRows(gradient.Length, count, units, nameof(gradient));
        DenseReference.CheckRows(inputGradient.Length, count, units, nameof(inputGradient));
        int length = count * units;
        gradient.Slice(0, length).CopyTo(inputGradient);
        Activations.Backward(activation, x.Slice(0, length), y, inputGradient.Slice(0, length), negativeSlope);
    }

    /// <summary>
    /// dL/dx = dL/dy ⊙ f′, for <paramref name="count"/> rows of <paramref name="units"/>, from the outputs
    /// <paramref name="y"/> the forward pass wrote (Softmax: its Jacobian per row); not for GELU and SiLU, which need the inputs.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> y, ReadOnlySpan<float> gradient, Span<float> inputGradient, int count, int units, Activation activation, float negativeSlope)
    {
        DenseReference.CheckRows(y.Length, count, units, nameof(y));
        DenseReference.CheckRows(gradient.Length, count, units, nameof(gradient));
        DenseReference.CheckRows(inputGradient.Length, count, units, nameof(inputGradient));
        int length = count * units;
        gradient.Slice(0, length).CopyTo(inputGradient);
        if (activation == Activation.Softmax)
        {
            for (int s = 0; s < count; s++)
            {
                Activations.Backward(activation, y.Slice(s * units, units), inputGradient.Slice(s * units, units), negativeSlope);
            }

            return;
        }

        Activations.Backward(activation, y.Slice(0, length), inputGradient.Slice(0, length), negativeSlope);
    }
}
