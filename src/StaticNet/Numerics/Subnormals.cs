using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using StaticNet.Generated;

namespace StaticNet;

/// <summary>
/// Keeps subnormal floats (nonzero, below 2⁻¹²⁶ in magnitude) out of state that a long run updates at every step. Intel
/// processors take a microcode assist, about a hundred cycles, for an arithmetic operation that reads or makes a subnormal
/// (AMD's recent cores do not), and .NET offers no portable way to set the processor's flush-to-zero mode, so loops whose
/// values decay geometrically (optimizer moments of a parameter whose gradient is always 0, moving variances of a
/// constant feature) flush them to zero themselves. The tests are on the bits, as integers: comparing a subnormal as a float
/// could itself take the slow path.
/// </summary>
internal static class Subnormals
{
    /// <summary>Float's smallest normal number, 2⁻¹²⁶: a magnitude below it and above 0 is subnormal.</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    /// <summary>
    /// The smallest gradient magnitude an optimizer keeps where it accumulates <c>coefficient·g²</c>: below it the product
    /// would underflow float's normal range, and the gradient is taken as 0. Twice the exact bound, for the rounding of the
    /// products.
    /// </summary>
    public static float SquareFloor(float coefficient) => 2f * MathF.Sqrt(SmallestNormal / coefficient);

    /// <summary>How many of <paramref name="values"/> are subnormal.</summary>
    public static int Count(ReadOnlySpan<float> values)
    {
        int count = 0;
        foreach (float value in values)
        {
            count += float.IsSubnormal(value) ? 1 : 0;
        }

        return count;
    }

    /// <summary><paramref name="value"/>, or +0 where it is subnormal (or a zero of either sign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float value) => ZeroBelow(value, SmallestNormal);

    /// <summary><paramref name="value"/>, or +0 where its magnitude is below <paramref name="floor"/> (compared as bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ZeroBelow(float value, float floor) =>
        (BitConverter.SingleToInt32Bits(value) & int.MaxValue) < BitConverter.SingleToInt32Bits(floor) ? 0f : value;

    /// <summary>
    /// Each lane of <paramref name="value"/>, or +0 where its magnitude is below <paramref name="floor"/> (a positive normal
    /// number). Compared as bits, so NaN and infinities pass through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ZeroBelow(Vector512<float> value, Vector512<float> floor) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(value.AsInt32() & Vector512.Create(int.MaxValue), floor.AsInt32()).AsSingle(),
            value,
            Vector512<float>.Zero);

    /// <inheritdoc cref="ZeroBelow(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ZeroBelow(Vector256<float> value, Vector256<float> floor) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThanOrEqual(value.AsInt32() & Vector256.Create(int.MaxValue), floor.AsInt32()).AsSingle(),
            value,
            Vector256<float>.Zero);

    /// <inheritdoc cref="ZeroBelow(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ZeroBelow(Vector128<float> value, Vector128<float> floor) =>
        Vector128.ConditionalSelect(
            Vector128.GreaterThanOrEqual(value.AsInt32() & Vector128.Create(int.MaxValue), floor.AsInt32()).AsSingle(),
            value,
            Vector128<float>.Zero);

    /// <summary>Replaces every subnormal value of <paramref name="values"/> by +0, in place.</summary>
    public static void FlushInPlace(Span<float> values)
    {
        ref float first = ref MemoryMarshal.GetReference(values);
        int n = values.Length;
        int i = 0;
        if (Simd512.IsHardwareAccelerated)
        {
            i = FlushVectors<Simd512, Vector512<float>>(ref first, i, n);
        }

        if (Simd256.IsHardwareAccelerated && n - i >= Simd256.Lanes)
        {
            i = FlushVectors<Simd256, Vector256<float>>(ref first, i, n);
        }

        if (Simd128.IsHardwareAccelerated && n - i >= Simd128.Lanes)
        {
            i = FlushVectors<Simd128, Vector128<float>>(ref first, i, n);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref first, i) = Flush(Unsafe.Add(ref first, i));
        }
    }

    private static int FlushVectors<TWidth, TVector>(ref float first, int i, int n)
        where TWidth : IVectorWidth<TVector>
        where TVector : struct
    {
        TVector smallestNormal = TWidth.Create(SmallestNormal);
        for (; i + TWidth.Lanes <= n; i += TWidth.Lanes)
        {
            TWidth.StoreUnsafe(TWidth.ZeroBelow(TWidth.LoadUnsafe(ref first, (nuint)i), smallestNormal), ref first, (nuint)i);
        }

        return i;
    }
}
