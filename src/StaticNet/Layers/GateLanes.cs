using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// A vector width for the recurrent kernels' generic blocks: its lanes, the products' operations (loads, stores,
/// broadcasts, fused multiply-adds) and the cell's (adds, multiplies, the gate functions), folded by the JIT per
/// instantiation. <see cref="RecurrentKernels"/> uses the products' part, <see cref="StreamingCells"/> all of it.
/// Machines with fused multiply-add only (the callers check).
/// </summary>
internal interface IGateLanes<TVector>
    where TVector : struct
{
    static abstract int Lanes { get; }

    static abstract TVector Load(ref float source, int at);

    static abstract void Store(TVector value, ref float target, int at);

    static abstract TVector Broadcast(float value);

    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Sigmoid(TVector x);

    static abstract TVector Tanh(TVector x);
}

/// <summary>512-bit vectors.</summary>
internal readonly struct GateLanes512 : IGateLanes<Vector512<float>>
{
    public static int Lanes => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, int at) => Vector512.LoadUnsafe(ref source, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float target, int at) => value.StoreUnsafe(ref target, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => GateFunctions.Sigmoid.Of(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => GateFunctions.Tanh.Of(x);
}

/// <summary>256-bit vectors.</summary>
internal readonly struct GateLanes256 : IGateLanes<Vector256<float>>
{
    public static int Lanes => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, int at) => Vector256.LoadUnsafe(ref source, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float target, int at) => value.StoreUnsafe(ref target, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => GateFunctions.Sigmoid.Of(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => GateFunctions.Tanh.Of(x);
}
