using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using StaticNet.Generated;

namespace StaticNet
{
    /// <summary>
    /// The float operations the runtime's own loops need beyond what generated code does (<see cref="ISimdWidth{TVector}"/>:
    /// lanes, loads, stores, broadcasts, multiplies, maxima), as static members, so that a runtime loop is written once as a
    /// generic method and the JIT compiles one copy per width with every call inlined. Loops try 512, then 256, then 128
    /// bits, each where <see cref="ISimdWidth{TVector}.IsHardwareAccelerated"/>, and finish with scalars; 128 bits is what a
    /// Native AOT build has at its default instruction set. Each operation is the one the operator would be, so a loop
    /// gives the same bits at every width: these loops call no <see cref="ISimdWidth{TVector}.MultiplyAdd"/>. The widths
    /// are the same structs generated code uses (<see cref="Simd512"/>, <see cref="Simd256"/>, <see cref="Simd128"/>),
    /// which implement these members explicitly, so they stay off the public surface.
    /// </summary>
    /// <typeparam name="TVector">The vector type.</typeparam>
    internal interface IVectorWidth<TVector> : ISimdWidth<TVector>
        where TVector : struct
    {
        static abstract TVector Add(TVector left, TVector right);

        static abstract TVector Subtract(TVector left, TVector right);

        static abstract TVector Divide(TVector left, TVector right);

        static abstract TVector Sqrt(TVector value);

        static abstract TVector Abs(TVector value);

        /// <summary>Each lane, or +0 where its magnitude is below <paramref name="floor"/>'s (<see cref="Subnormals"/>).</summary>
        static abstract TVector ZeroBelow(TVector value, TVector floor);

        /// <summary>exp of each lane by <see cref="FloatMath"/>'s vector form: a double-precision exponential per lane, rounded once.</summary>
        static abstract TVector Exp(TVector x);
    }
}

namespace StaticNet.Generated
{
    /// <summary>The runtime loops' operations at 512 bits (<see cref="StaticNet.IVectorWidth{TVector}"/>).</summary>
    public readonly partial struct Simd512 : StaticNet.IVectorWidth<Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.Add(Vector512<float> left, Vector512<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.Subtract(Vector512<float> left, Vector512<float> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.Divide(Vector512<float> left, Vector512<float> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.Sqrt(Vector512<float> value) => Vector512.Sqrt(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.Abs(Vector512<float> value) => Vector512.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.ZeroBelow(Vector512<float> value, Vector512<float> floor) => Subnormals.ZeroBelow(value, floor);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> StaticNet.IVectorWidth<Vector512<float>>.Exp(Vector512<float> x) => FloatMath.Exp(x);
    }

    /// <summary>The runtime loops' operations at 256 bits (<see cref="StaticNet.IVectorWidth{TVector}"/>).</summary>
    public readonly partial struct Simd256 : StaticNet.IVectorWidth<Vector256<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.Add(Vector256<float> left, Vector256<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.Subtract(Vector256<float> left, Vector256<float> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.Divide(Vector256<float> left, Vector256<float> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.Sqrt(Vector256<float> value) => Vector256.Sqrt(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.Abs(Vector256<float> value) => Vector256.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.ZeroBelow(Vector256<float> value, Vector256<float> floor) => Subnormals.ZeroBelow(value, floor);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> StaticNet.IVectorWidth<Vector256<float>>.Exp(Vector256<float> x) => FloatMath.Exp(x);
    }

    /// <summary>The runtime loops' operations at 128 bits (<see cref="StaticNet.IVectorWidth{TVector}"/>).</summary>
    public readonly partial struct Simd128 : StaticNet.IVectorWidth<Vector128<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.Add(Vector128<float> left, Vector128<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.Subtract(Vector128<float> left, Vector128<float> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.Divide(Vector128<float> left, Vector128<float> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.Sqrt(Vector128<float> value) => Vector128.Sqrt(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.Abs(Vector128<float> value) => Vector128.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.ZeroBelow(Vector128<float> value, Vector128<float> floor) => Subnormals.ZeroBelow(value, floor);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector128<float> StaticNet.IVectorWidth<Vector128<float>>.Exp(Vector128<float> x) => FloatMath.Exp(x);
    }
}
