using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// ELU, SELU, Softplus and HardSigmoid, as Keras 3 defines them: each element by the scalar functions here (the exponentials
/// in double, so a value near 0 keeps its digits), on every code path, so the one-sample, batch and reference passes give the
/// same bits; and each derivative written through the output, as every activation of <see cref="Activations"/> is. The
/// vector forms of the derivatives serve the generated SIMD backward passes.
/// </summary>
public static partial class Activations
{
    /// <summary>SELU's scale λ (Klambauer et al.; Keras's and PyTorch's constant).</summary>
    public const float SeluScale = 1.05070098735548049342f;

    /// <summary>SELU's α (Klambauer et al.; Keras's and PyTorch's constant).</summary>
    public const float SeluAlpha = 1.67326324235437728481f;

    /// <summary>ELU with α = 1 (Keras's default): <c>z</c> above 0, <c>e^z − 1</c> below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Elu(float z) => z > 0f ? z : (float)ExpM1(z);

    /// <summary>SELU: <c>λz</c> above 0, <c>λα(e^z − 1)</c> below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Selu(float z) => z > 0f ? SeluScale * z : (float)(SeluScale * SeluAlpha * ExpM1(z));

    /// <summary>Softplus, <c>log(1 + e^z)</c>, as <c>max(z, 0) + log(1 + e^−|z|)</c>: no overflow, no loss for a large negative z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => (float)(Math.Max(z, 0.0) + LogOnePlus(Math.Exp(-Math.Abs((double)z))));

    /// <summary>Keras 3's hard sigmoid, <c>relu6(z + 3) / 6</c>: 0 below −3, 1 above 3, linear between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HardSigmoid(float z) => MathF.Min(MathF.Max(z + 3f, 0f), 6f) / 6f;

    /// <summary>ELU's backward through its output: <c>g</c> where <c>a &gt; 0</c>, else <c>g·(a + 1)</c> (that is, <c>g·e^z</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float EluBackward(float gradient, float output) => output > 0f ? gradient : gradient * (output + 1f);

    /// <summary>SELU's backward through its output: <c>λg</c> where <c>a &gt; 0</c>, else <c>g·(a + λα)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SeluBackward(float gradient, float output) => output > 0f ? gradient * SeluScale : gradient * (output + SeluScale * SeluAlpha);

    /// <summary>Softplus's backward through its output: <c>g·σ(z)</c>, with <c>σ(z) = 1 − e^−a</c> taken in double (for a tiny a, σ ≈ a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SoftplusBackward(float gradient, float output) => gradient * (float)-ExpM1(-(double)output);

    /// <summary>Hard sigmoid's backward through its output: <c>g/6</c> on its linear part (<c>0 &lt; a &lt; 1</c>), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HardSigmoidBackward(float gradient, float output) => output > 0f && output < 1f ? gradient * (1f / 6f) : 0f;

    /// <summary><c>e^x − 1</c>, without the cancellation of the subtraction for a small x (the series there).</summary>
    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x * (1 + x * (0.5 + x / 6)) : Math.Exp(x) - 1;

    /// <summary><c>log(1 + x)</c> for x ≥ 0, without losing a small x to the addition (the series there).</summary>
    private static double LogOnePlus(double x) => x < 1e-5 ? x * (1 - x * (0.5 - x / 3)) : Math.Log(1 + x);

    /// <inheritdoc cref="EluBackward(float, float)"/>
    public static Vector128<float> EluBackward(Vector128<float> gradient, Vector128<float> output) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(output, Vector128<float>.Zero), gradient, gradient * (output + Vector128<float>.One));

    /// <inheritdoc cref="EluBackward(float, float)"/>
    public static Vector256<float> EluBackward(Vector256<float> gradient, Vector256<float> output) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(output, Vector256<float>.Zero), gradient, gradient * (output + Vector256<float>.One));

    /// <inheritdoc cref="EluBackward(float, float)"/>
    public static Vector512<float> EluBackward(Vector512<float> gradient, Vector512<float> output) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(output, Vector512<float>.Zero), gradient, gradient * (output + Vector512<float>.One));

    /// <inheritdoc cref="SeluBackward(float, float)"/>
    public static Vector128<float> SeluBackward(Vector128<float> gradient, Vector128<float> output) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(output, Vector128<float>.Zero), gradient * SeluScale, gradient * (output + Vector128.Create(SeluScale * SeluAlpha)));

    /// <inheritdoc cref="SeluBackward(float, float)"/>
    public static Vector256<float> SeluBackward(Vector256<float> gradient, Vector256<float> output) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(output, Vector256<float>.Zero), gradient * SeluScale, gradient * (output + Vector256.Create(SeluScale * SeluAlpha)));

    /// <inheritdoc cref="SeluBackward(float, float)"/>
    public static Vector512<float> SeluBackward(Vector512<float> gradient, Vector512<float> output) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(output, Vector512<float>.Zero), gradient * SeluScale, gradient * (output + Vector512.Create(SeluScale * SeluAlpha)));

    /// <inheritdoc cref="HardSigmoidBackward(float, float)"/>
    public static Vector128<float> HardSigmoidBackward(Vector128<float> gradient, Vector128<float> output) =>
        (gradient * (1f / 6f)) & Vector128.GreaterThan(output, Vector128<float>.Zero) & Vector128.LessThan(output, Vector128<float>.One);

    /// <inheritdoc cref="HardSigmoidBackward(float, float)"/>
    public static Vector256<float> HardSigmoidBackward(Vector256<float> gradient, Vector256<float> output) =>
        (gradient * (1f / 6f)) & Vector256.GreaterThan(output, Vector256<float>.Zero) & Vector256.LessThan(output, Vector256<float>.One);

    /// <inheritdoc cref="HardSigmoidBackward(float, float)"/>
    public static Vector512<float> HardSigmoidBackward(Vector512<float> gradient, Vector512<float> output) =>
        (gradient * (1f / 6f)) & Vector512.GreaterThan(output, Vector512<float>.Zero) & Vector512.LessThan(output, Vector512<float>.One);

    /// <inheritdoc cref="SoftplusBackward(float, float)"/>
    public static Vector128<float> SoftplusBackward(Vector128<float> gradient, Vector128<float> output)
    {
        Span<float> lanes = stackalloc float[Vector128<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = SoftplusBackward(gradient.GetElement(i), output.GetElement(i));
        }

        return Vector128.Create<float>(lanes);
    }

    /// <inheritdoc cref="SoftplusBackward(float, float)"/>
    public static Vector256<float> SoftplusBackward(Vector256<float> gradient, Vector256<float> output)
    {
        Span<float> lanes = stackalloc float[Vector256<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = SoftplusBackward(gradient.GetElement(i), output.GetElement(i));
        }

        return Vector256.Create<float>(lanes);
    }

    /// <inheritdoc cref="SoftplusBackward(float, float)"/>
    public static Vector512<float> SoftplusBackward(Vector512<float> gradient, Vector512<float> output)
    {
        Span<float> lanes = stackalloc float[Vector512<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = SoftplusBackward(gradient.GetElement(i), output.GetElement(i));
        }

        return Vector512.Create<float>(lanes);
    }

    /// <summary>The activations computed element by element (this file's, and GELU's and SiLU's) over a span, in place.</summary>
    private static void ApplyExponential(Activation activation, Span<float> values)
    {
        // The choice is made once per span; each loop is compiled with its function inlined.
        switch (activation)
        {
            case Activation.ELU: Map<EluFunction>(values); break;
            case Activation.SELU: Map<SeluFunction>(values); break;
            case Activation.Softplus: Map<SoftplusFunction>(values); break;
            case Activation.GELU: Map<GeluFunction>(values); break;
            case Activation.GELUTanh: Map<GeluTanhFunction>(values); break;
            case Activation.SiLU: Map<SiluFunction>(values); break;
            default: Map<HardSigmoidFunction>(values); break;
        }
    }

    /// <summary>
    /// The backward passes that go value by value, in place: <paramref name="at"/> is the activation's output (Softplus)
    /// or its input (GELU, its tanh form, SiLU). ELU's, SELU's and the hard sigmoid's go through the vectorised derivatives
    /// (<c>Activations.Derivatives.cs</c>).
    /// </summary>
    private static void BackwardExponential(Activation activation, ReadOnlySpan<float> at, Span<float> gradient)
    {
        switch (activation)
        {
            case Activation.Softplus: MapBackward<SoftplusFunction>(at, gradient); break;
            case Activation.GELU: MapBackward<GeluFunction>(at, gradient); break;
            case Activation.GELUTanh: MapBackward<GeluTanhFunction>(at, gradient); break;
            case Activation.SiLU: MapBackward<SiluFunction>(at, gradient); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an activation whose backward pass goes value by value.");
        }
    }

    private static void Map<TFunction>(Span<float> values)
        where TFunction : IElementFunction
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = TFunction.Of(values[i]);
        }
    }

    private static void MapBackward<TFunction>(ReadOnlySpan<float> at, Span<float> gradient)
        where TFunction : IElementFunction
    {
        for (int i = 0; i < at.Length; i++)
        {
            gradient[i] = TFunction.Backward(gradient[i], at[i]);
        }
    }

    /// <summary>An activation computed element by element, and its backward pass at the value its derivative is written through.</summary>
    private interface IElementFunction
    {
        static abstract float Of(float z);

        static abstract float Backward(float gradient, float at);
    }

    private readonly struct EluFunction : IElementFunction
    {
        public static float Of(float z) => Elu(z);

        public static float Backward(float gradient, float at) => EluBackward(gradient, at);
    }

    private readonly struct SeluFunction : IElementFunction
    {
        public static float Of(float z) => Selu(z);

        public static float Backward(float gradient, float at) => SeluBackward(gradient, at);
    }

    private readonly struct SoftplusFunction : IElementFunction
    {
        public static float Of(float z) => Softplus(z);

        public static float Backward(float gradient, float at) => SoftplusBackward(gradient, at);
    }

    private readonly struct HardSigmoidFunction : IElementFunction
    {
        public static float Of(float z) => HardSigmoid(z);

        public static float Backward(float gradient, float at) => HardSigmoidBackward(gradient, at);
    }

    private readonly struct GeluFunction : IElementFunction
    {
        public static float Of(float z) => Gelu(z);

        public static float Backward(float gradient, float at) => GeluBackward(gradient, at);
    }

    private readonly struct GeluTanhFunction : IElementFunction
    {
        public static float Of(float z) => GeluTanh(z);

        public static float Backward(float gradient, float at) => GeluTanhBackward(gradient, at);
    }

    private readonly struct SiluFunction : IElementFunction
    {
        public static float Of(float z) => Silu(z);

        public static float Backward(float gradient, float at) => SiluBackward(gradient, at);
    }
}
