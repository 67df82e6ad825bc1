using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// The vector operations of one width as static members, for generated passes written once as a generic method over
/// the width (<c>Dense1ForwardLanes&lt;TSimd, TVector&gt;</c>): the JIT compiles one copy per width with every call
/// inlined and <see cref="Lanes"/> a constant, so each copy is the code a pass written for that width would be (.NET's
/// own <c>ISimdVector</c> is internal). Members are named as <c>Vector256</c>'s, and each is the operation that
/// generated code for the width calls, so a generic pass gives the bits its fixed-width twin gives.
/// </summary>
/// <typeparam name="TVector">The vector type: <c>Vector512&lt;float&gt;</c>, <c>Vector256&lt;float&gt;</c> or <c>Vector128&lt;float&gt;</c>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimdWidth<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>Whether this machine (or a Native AOT build's instruction set) runs the width in hardware.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Every lane +0.</summary>
    static abstract TVector Zero { get; }

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TVector Create(float value);

    /// <summary>The vector at <paramref name="offset"/> floats past <paramref name="source"/>, unchecked and unaligned.</summary>
    static abstract TVector LoadUnsafe(ref float source, nuint offset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="offset"/> floats past <paramref name="destination"/>, unchecked and unaligned.</summary>
    static abstract void StoreUnsafe(TVector value, ref float destination, nuint offset);

    /// <summary>
    /// <paramref name="left"/> × <paramref name="right"/> + <paramref name="addend"/>: fused at 512 and 256 bits (AVX-512
    /// and AVX2 machines have FMA); at 128 bits fused where the processor has FMA and a multiply and an add where it has
    /// not (a default Native AOT build), as generated 128-bit code and the runtime's reference loops compute it.
    /// </summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>Each lane's product.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>Each lane's larger value by the processor's own instruction (for NaN, as <c>Vector256.MaxNative</c>).</summary>
    static abstract TVector MaxNative(TVector left, TVector right);

    /// <summary>
    /// Lane k from <paramref name="stride"/> × k floats past <paramref name="source"/>, unchecked: a column of as many rows
    /// as there are lanes (one input of that many samples), each element loaded and inserted.
    /// </summary>
    static abstract TVector LoadColumn(ref float source, nint stride);

    /// <summary>Stores lane k at <paramref name="stride"/> × k floats past <paramref name="destination"/>, unchecked: the inverse of <see cref="LoadColumn"/>.</summary>
    static abstract void StoreColumn(TVector value, ref float destination, nint stride);

    /// <summary>
    /// Adds lane k of <paramref name="value"/> to the float <paramref name="stride"/> × k past <paramref name="destination"/>,
    /// for the lanes from <paramref name="first"/> on (an overlapping block's lanes that the block before it added are
    /// left out), unchecked. Each lane is its own statement with a constant index, so where <paramref name="first"/> is a
    /// constant the JIT keeps only the lanes added and reads each from its register, as a loop over the lanes would not.
    /// </summary>
    static abstract void AddColumn(TVector value, ref float destination, nint stride, int first);
}

/// <summary>512-bit vectors (AVX-512).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly partial struct Simd512 : ISimdWidth<Vector512<float>>
{
    /// <inheritdoc/>
    public static int Lanes => Vector512<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static Vector512<float> Zero => Vector512<float>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadUnsafe(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector512<float> value, ref float destination, nuint offset) => Vector512.StoreUnsafe(value, ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) => Vector512.FusedMultiplyAdd(left, right, addend);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxNative(Vector512<float> left, Vector512<float> right) => Vector512.MaxNative(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadColumn(ref float source, nint stride) =>
        Vector512.Create(source, Unsafe.Add(ref source, stride), Unsafe.Add(ref source, 2 * stride), Unsafe.Add(ref source, 3 * stride), Unsafe.Add(ref source, 4 * stride), Unsafe.Add(ref source, 5 * stride), Unsafe.Add(ref source, 6 * stride), Unsafe.Add(ref source, 7 * stride), Unsafe.Add(ref source, 8 * stride), Unsafe.Add(ref source, 9 * stride), Unsafe.Add(ref source, 10 * stride), Unsafe.Add(ref source, 11 * stride), Unsafe.Add(ref source, 12 * stride), Unsafe.Add(ref source, 13 * stride), Unsafe.Add(ref source, 14 * stride), Unsafe.Add(ref source, 15 * stride));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreColumn(Vector512<float> value, ref float destination, nint stride)
    {
        destination = value.GetElement(0);
        Unsafe.Add(ref destination, stride) = value.GetElement(1);
        Unsafe.Add(ref destination, 2 * stride) = value.GetElement(2);
        Unsafe.Add(ref destination, 3 * stride) = value.GetElement(3);
        Unsafe.Add(ref destination, 4 * stride) = value.GetElement(4);
        Unsafe.Add(ref destination, 5 * stride) = value.GetElement(5);
        Unsafe.Add(ref destination, 6 * stride) = value.GetElement(6);
        Unsafe.Add(ref destination, 7 * stride) = value.GetElement(7);
        Unsafe.Add(ref destination, 8 * stride) = value.GetElement(8);
        Unsafe.Add(ref destination, 9 * stride) = value.GetElement(9);
        Unsafe.Add(ref destination, 10 * stride) = value.GetElement(10);
        Unsafe.Add(ref destination, 11 * stride) = value.GetElement(11);
        Unsafe.Add(ref destination, 12 * stride) = value.GetElement(12);
        Unsafe.Add(ref destination, 13 * stride) = value.GetElement(13);
        Unsafe.Add(ref destination, 14 * stride) = value.GetElement(14);
        Unsafe.Add(ref destination, 15 * stride) = value.GetElement(15);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddColumn(Vector512<float> value, ref float destination, nint stride, int first)
    {
        if (first <= 0) { Unsafe.Add(ref destination, 0 * stride) += value.GetElement(0); }
        if (first <= 1) { Unsafe.Add(ref destination, 1 * stride) += value.GetElement(1); }
        if (first <= 2) { Unsafe.Add(ref destination, 2 * stride) += value.GetElement(2); }
        if (first <= 3) { Unsafe.Add(ref destination, 3 * stride) += value.GetElement(3); }
        if (first <= 4) { Unsafe.Add(ref destination, 4 * stride) += value.GetElement(4); }
        if (first <= 5) { Unsafe.Add(ref destination, 5 * stride) += value.GetElement(5); }
        if (first <= 6) { Unsafe.Add(ref destination, 6 * stride) += value.GetElement(6); }
        if (first <= 7) { Unsafe.Add(ref destination, 7 * stride) += value.GetElement(7); }
        if (first <= 8) { Unsafe.Add(ref destination, 8 * stride) += value.GetElement(8); }
        if (first <= 9) { Unsafe.Add(ref destination, 9 * stride) += value.GetElement(9); }
        if (first <= 10) { Unsafe.Add(ref destination, 10 * stride) += value.GetElement(10); }
        if (first <= 11) { Unsafe.Add(ref destination, 11 * stride) += value.GetElement(11); }
        if (first <= 12) { Unsafe.Add(ref destination, 12 * stride) += value.GetElement(12); }
        if (first <= 13) { Unsafe.Add(ref destination, 13 * stride) += value.GetElement(13); }
        if (first <= 14) { Unsafe.Add(ref destination, 14 * stride) += value.GetElement(14); }
        if (first <= 15) { Unsafe.Add(ref destination, 15 * stride) += value.GetElement(15); }
    }
}

/// <summary>256-bit vectors (AVX2 with FMA).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly partial struct Simd256 : ISimdWidth<Vector256<float>>
{
    /// <inheritdoc/>
    public static int Lanes => Vector256<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static Vector256<float> Zero => Vector256<float>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadUnsafe(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector256<float> value, ref float destination, nuint offset) => Vector256.StoreUnsafe(value, ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Vector256.FusedMultiplyAdd(left, right, addend);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxNative(Vector256<float> left, Vector256<float> right) => Vector256.MaxNative(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadColumn(ref float source, nint stride) =>
        Vector256.Create(source, Unsafe.Add(ref source, stride), Unsafe.Add(ref source, 2 * stride), Unsafe.Add(ref source, 3 * stride), Unsafe.Add(ref source, 4 * stride), Unsafe.Add(ref source, 5 * stride), Unsafe.Add(ref source, 6 * stride), Unsafe.Add(ref source, 7 * stride));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreColumn(Vector256<float> value, ref float destination, nint stride)
    {
        destination = value.GetElement(0);
        Unsafe.Add(ref destination, stride) = value.GetElement(1);
        Unsafe.Add(ref destination, 2 * stride) = value.GetElement(2);
        Unsafe.Add(ref destination, 3 * stride) = value.GetElement(3);
        Unsafe.Add(ref destination, 4 * stride) = value.GetElement(4);
        Unsafe.Add(ref destination, 5 * stride) = value.GetElement(5);
        Unsafe.Add(ref destination, 6 * stride) = value.GetElement(6);
        Unsafe.Add(ref destination, 7 * stride) = value.GetElement(7);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddColumn(Vector256<float> value, ref float destination, nint stride, int first)
    {
        if (first <= 0) { Unsafe.Add(ref destination, 0 * stride) += value.GetElement(0); }
        if (first <= 1) { Unsafe.Add(ref destination, 1 * stride) += value.GetElement(1); }
        if (first <= 2) { Unsafe.Add(ref destination, 2 * stride) += value.GetElement(2); }
        if (first <= 3) { Unsafe.Add(ref destination, 3 * stride) += value.GetElement(3); }
        if (first <= 4) { Unsafe.Add(ref destination, 4 * stride) += value.GetElement(4); }
        if (first <= 5) { Unsafe.Add(ref destination, 5 * stride) += value.GetElement(5); }
        if (first <= 6) { Unsafe.Add(ref destination, 6 * stride) += value.GetElement(6); }
        if (first <= 7) { Unsafe.Add(ref destination, 7 * stride) += value.GetElement(7); }
    }
}

/// <summary>128-bit vectors (SSE, Arm64's AdvSimd; what a Native AOT build has at its default instruction set).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly partial struct Simd128 : ISimdWidth<Vector128<float>>
{
    /// <inheritdoc/>
    public static int Lanes => Vector128<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static Vector128<float> Zero => Vector128<float>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadUnsafe(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector128<float> value, ref float destination, nuint offset) => Vector128.StoreUnsafe(value, ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) => Vector128.MultiplyAddEstimate(left, right, addend);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxNative(Vector128<float> left, Vector128<float> right) => Vector128.MaxNative(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadColumn(ref float source, nint stride) =>
        Vector128.Create(source, Unsafe.Add(ref source, stride), Unsafe.Add(ref source, 2 * stride), Unsafe.Add(ref source, 3 * stride));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreColumn(Vector128<float> value, ref float destination, nint stride)
    {
        destination = value.GetElement(0);
        Unsafe.Add(ref destination, stride) = value.GetElement(1);
        Unsafe.Add(ref destination, 2 * stride) = value.GetElement(2);
        Unsafe.Add(ref destination, 3 * stride) = value.GetElement(3);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddColumn(Vector128<float> value, ref float destination, nint stride, int first)
    {
        if (first <= 0) { Unsafe.Add(ref destination, 0 * stride) += value.GetElement(0); }
        if (first <= 1) { Unsafe.Add(ref destination, 1 * stride) += value.GetElement(1); }
        if (first <= 2) { Unsafe.Add(ref destination, 2 * stride) += value.GetElement(2); }
        if (first <= 3) { Unsafe.Add(ref destination, 3 * stride) += value.GetElement(3); }
    }
}
