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
}
