using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using StaticNet.Generated;

namespace StaticNet;

/// <summary>
/// The buffers an element-wise update reads and writes: the parameters, the gradient, and up to three state buffers of the
/// same length (an unused one is empty and never touched).
/// </summary>
internal readonly ref struct UpdateBuffers
{
    public readonly ref float Parameters;
    public readonly ref float Gradient;
    public readonly ref float State0;
    public readonly ref float State1;
    public readonly ref float State2;
    public readonly int Length;

    public UpdateBuffers(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> state0 = default, Span<float> state1 = default, Span<float> state2 = default)
    {
        Parameters = ref MemoryMarshal.GetReference(parameters);
        Gradient = ref MemoryMarshal.GetReference(gradient);
        State0 = ref MemoryMarshal.GetReference(state0);
        State1 = ref MemoryMarshal.GetReference(state1);
        State2 = ref MemoryMarshal.GetReference(state2);
        Length = parameters.Length;
    }
}

/// <summary>
/// One optimizer's update of each parameter from its gradient and state, written twice: over whole vectors of any width (a
/// generic method the JIT compiles once per width, with its constants broadcast once, outside the loop) and for one element
/// (the tail). Both must do the same float operations in the same order, so that the result does not depend on the
/// machine's vector width.
/// </summary>
internal interface IElementwiseRule
{
    /// <summary>Updates whole vectors of <typeparamref name="TWidth"/> from element <paramref name="i"/>; returns where it stopped.</summary>
    int Vectors<TWidth, TVector>(in UpdateBuffers buffers, int i)
        where TWidth : IVectorWidth<TVector>
        where TVector : struct;

    /// <summary>Updates element <paramref name="i"/>.</summary>
    void Element(in UpdateBuffers buffers, int i);
}

/// <summary>Runs an <see cref="IElementwiseRule"/> over its buffers at the widest vector width the machine has.</summary>
internal static class ElementwiseUpdate
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TRule>(in TRule rule, in UpdateBuffers buffers)
        where TRule : struct, IElementwiseRule
    {
        int n = buffers.Length;

        // A narrower width runs only where a whole vector of it is left, so its copy of the loop is not compiled for nothing.
        int i = 0;
        if (Simd512.IsHardwareAccelerated)
        {
            i = rule.Vectors<Simd512, Vector512<float>>(buffers, i);
        }

        if (Simd256.IsHardwareAccelerated && n - i >= Simd256.Lanes)
        {
            i = rule.Vectors<Simd256, Vector256<float>>(buffers, i);
        }

        if (Simd128.IsHardwareAccelerated && n - i >= Simd128.Lanes)
        {
            i = rule.Vectors<Simd128, Vector128<float>>(buffers, i);
        }

        for (; i < n; i++)
        {
            rule.Element(buffers, i);
        }
    }
}
