using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// The element-wise backward passes over a whole tile at once (what a mini-batch backward pass starts with: dL/dz = dL/dy ⊙
/// f′, through the outputs), a vector at a time at the widest accelerated width and the rest one value at a time. Each
/// derivative is the same operations at every width and in the scalar tail, so the bits do not depend on the machine's
/// width or on where the tail starts.
/// </summary>
public static partial class Activations
{
    /// <summary>
    /// <c>gradient[k] = f′ · gradient[k]</c> through <paramref name="output"/>, over the whole spans, for the activations
    /// whose derivative is a function of the output alone and element-wise (not softmax, GELU or SiLU).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryBackwardElementwise(Activation activation, ReadOnlySpan<float> output, Span<float> gradient, float negativeSlope)
    {
        switch (activation)
        {
            case Activation.ReLU: Backward<ReLUDerivative>(output, gradient, negativeSlope); return true;
            case Activation.LeakyReLU: Backward<LeakyReLUDerivative>(output, gradient, negativeSlope); return true;
            case Activation.Sigmoid: Backward<SigmoidDerivative>(output, gradient, negativeSlope); return true;
            case Activation.Tanh: Backward<TanhDerivative>(output, gradient, negativeSlope); return true;
            case Activation.ELU: Backward<EluDerivative>(output, gradient, negativeSlope); return true;
            case Activation.SELU: Backward<SeluDerivative>(output, gradient, negativeSlope); return true;
            case Activation.HardSigmoid: Backward<HardSigmoidDerivative>(output, gradient, negativeSlope); return true;
            default: return false;
        }
    }

    /// <summary>One derivative's loop, compiled per derivative with its formulas inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Backward<TDerivative>(ReadOnlySpan<float> output, Span<float> gradient, float slope)
        where TDerivative : IDerivative
    {
        ref float a0 = ref MemoryMarshal.GetReference(output);
        ref float g0 = ref MemoryMarshal.GetReference(gradient);
        nuint total = (nuint)output.Length, k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k + 16 <= total; k += 16)
            {
                TDerivative.Of(Vector512.LoadUnsafe(ref g0, k), Vector512.LoadUnsafe(ref a0, k), slope).StoreUnsafe(ref g0, k);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 8 <= total; k += 8)
            {
                TDerivative.Of(Vector256.LoadUnsafe(ref g0, k), Vector256.LoadUnsafe(ref a0, k), slope).StoreUnsafe(ref g0, k);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; k + 4 <= total; k += 4)
            {
                TDerivative.Of(Vector128.LoadUnsafe(ref g0, k), Vector128.LoadUnsafe(ref a0, k), slope).StoreUnsafe(ref g0, k);
            }
        }

        for (; k < total; k++)
        {
            Unsafe.Add(ref g0, k) = TDerivative.Of(Unsafe.Add(ref g0, k), Unsafe.Add(ref a0, k), slope);
        }
    }

    /// <summary>A derivative through the output, <c>(g, a) ↦ g · f′</c>, at each width and for one value.</summary>
    private interface IDerivative
    {
        static abstract float Of(float g, float a, float slope);

        static abstract Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope);

        static abstract Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope);

        static abstract Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope);
    }

    private readonly struct ReLUDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => ReLUBackward(g, a);

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<float>.Zero), g, Vector128<float>.Zero);

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), g, Vector256<float>.Zero);

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), g, Vector512<float>.Zero);
    }

    private readonly struct LeakyReLUDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => LeakyReLUBackward(g, a, slope);

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<float>.Zero), g, slope * g);

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), g, slope * g);

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), g, slope * g);
    }

    private readonly struct SigmoidDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => g * (a * (1f - a));

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => g * (a * (Vector128<float>.One - a));

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => g * (a * (Vector256<float>.One - a));

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => g * (a * (Vector512<float>.One - a));
    }

    private readonly struct TanhDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => g * (1f - a * a);

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => g * (Vector128<float>.One - a * a);

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => g * (Vector256<float>.One - a * a);

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => g * (Vector512<float>.One - a * a);
    }

    private readonly struct EluDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => EluBackward(g, a);

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => EluBackward(g, a);

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => EluBackward(g, a);

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => EluBackward(g, a);
    }

    private readonly struct SeluDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => SeluBackward(g, a);

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => SeluBackward(g, a);

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => SeluBackward(g, a);

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => SeluBackward(g, a);
    }

    private readonly struct HardSigmoidDerivative : IDerivative
    {
        public static float Of(float g, float a, float slope) => HardSigmoidBackward(g, a);

        public static Vector128<float> Of(Vector128<float> g, Vector128<float> a, float slope) => HardSigmoidBackward(g, a);

        public static Vector256<float> Of(Vector256<float> g, Vector256<float> a, float slope) => HardSigmoidBackward(g, a);

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> a, float slope) => HardSigmoidBackward(g, a);
    }
}
