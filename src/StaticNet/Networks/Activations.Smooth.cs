using System.Runtime.CompilerServices;

namespace StaticNet.Generated;

/// <summary>
/// GELU (exact and its tanh approximation) and SiLU, as Keras 3 and PyTorch define them, in double. Unlike every other
/// activation, their derivatives are not functions of their outputs (both dip below 0 and come back), so their backward
/// passes take the input: only a standalone Activation layer, whose input the training step keeps, applies them.
/// </summary>
public static partial class Activations
{
    private const double SqrtTwoOverPi = 0.79788456080286536;
    private const double InverseSqrtTwo = 0.70710678118654752;
    private const double InverseSqrtTwoPi = 0.39894228040143268;
    private const double GeluCubic = 0.044715;

    /// <summary>Exact GELU, <c>z·Φ(z) = ½z(1 + erf(z/√2))</c>.</summary>
    public static float Gelu(float z) => (float)(0.5 * z * (1 + SpecialFunctions.Erf(z * InverseSqrtTwo)));

    /// <summary>GELU's tanh approximation, <c>½z(1 + tanh(√(2/π)(z + 0.044715z³)))</c>.</summary>
    public static float GeluTanh(float z)
    {
        double x = z;
        return (float)(0.5 * x * (1 + Math.Tanh(SqrtTwoOverPi * (x + GeluCubic * x * x * x))));
    }

    /// <summary>SiLU (Swish), <c>z·σ(z)</c>.</summary>
    public static float Silu(float z)
    {
        double x = z;
        return (float)(x / (1 + Math.Exp(-x)));
    }

    /// <summary>Exact GELU's backward through its input: <c>g·(Φ(z) + z·φ(z))</c>.</summary>
    public static float GeluBackward(float gradient, float input)
    {
        double z = input;
        double cdf = 0.5 * (1 + SpecialFunctions.Erf(z * InverseSqrtTwo));
        return gradient * (float)(cdf + z * InverseSqrtTwoPi * Math.Exp(-0.5 * z * z));
    }

    /// <summary>The tanh approximation's backward through its input.</summary>
    public static float GeluTanhBackward(float gradient, float input)
    {
        double z = input;
        double t = Math.Tanh(SqrtTwoOverPi * (z + GeluCubic * z * z * z));
        return gradient * (float)(0.5 * (1 + t) + 0.5 * z * (1 - t * t) * SqrtTwoOverPi * (1 + 3 * GeluCubic * z * z));
    }

    /// <summary>SiLU's backward through its input: <c>g·σ(z)(1 + z(1 − σ(z)))</c>.</summary>
    public static float SiluBackward(float gradient, float input)
    {
        double z = input;
        double s = 1 / (1 + Math.Exp(-z));
        return gradient * (float)(s * (1 + z * (1 - s)));
    }

    /// <summary>Whether <paramref name="activation"/>'s derivative needs its input (GELU, its tanh form, SiLU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NeedsInput(Activation activation) => activation is Activation.GELU or Activation.GELUTanh or Activation.SiLU;

    /// <summary>
    /// Turns the gradient with respect to an activation's output into the gradient with respect to its input, in place,
    /// from the activation's <paramref name="input"/> and <paramref name="output"/>: those whose derivative needs the input
    /// read it, the others go through <see cref="Backward(Activation, ReadOnlySpan{float}, Span{float}, float)"/>.
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> gradient, float negativeSlope = 0.2f)
    {
        if (!NeedsInput(activation))
        {
            Backward(activation, output, gradient, negativeSlope);
            return;
        }

        if (input.Length != gradient.Length)
        {
            ShapeGuard.ThrowLength(nameof(gradient), input.Length, gradient.Length, "the activation's input length");
        }

        BackwardExponential(activation, input, gradient);
    }
}
