using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Generated;

/// <summary>
/// A vector width for the recurrent kernels' generic blocks: the runtime's vector operations
/// (<see cref="StaticNet.IVectorWidth{TVector}"/>: loads, stores, broadcasts, multiply-adds, adds) and the gate functions,
/// folded by the JIT per instantiation. <see cref="RecurrentKernels"/> uses the products' part, <see cref="StreamingCells"/>
/// all of it. <see cref="Simd512"/> and <see cref="Simd256"/> only, whose multiply-adds are fused: machines with fused
/// multiply-add only (the callers check).
/// </summary>
internal interface IGateLanes<TVector> : StaticNet.IVectorWidth<TVector>
    where TVector : struct
{
    static abstract TVector Sigmoid(TVector x);

    static abstract TVector Tanh(TVector x);
}

/// <summary>The gate functions at 512 bits (<see cref="IGateLanes{TVector}"/>).</summary>
public readonly partial struct Simd512 : IGateLanes<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> IGateLanes<Vector512<float>>.Sigmoid(Vector512<float> x) => GateFunctions.Sigmoid.Of(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> IGateLanes<Vector512<float>>.Tanh(Vector512<float> x) => GateFunctions.Tanh.Of(x);
}

/// <summary>The gate functions at 256 bits (<see cref="IGateLanes{TVector}"/>).</summary>
public readonly partial struct Simd256 : IGateLanes<Vector256<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> IGateLanes<Vector256<float>>.Sigmoid(Vector256<float> x) => GateFunctions.Sigmoid.Of(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> IGateLanes<Vector256<float>>.Tanh(Vector256<float> x) => GateFunctions.Tanh.Of(x);
}
