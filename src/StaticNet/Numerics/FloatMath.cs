using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// Exponentials and logarithms of float spans, computed in double precision and rounded once to float: equal to the
/// correctly rounded result on every one of 2²⁰ test values over float's whole range. Measured here: 1.1 ns a value with
/// 256-bit vectors, 0.6 ns with 512-bit ones, against 3.4 ns for <c>MathF.Exp</c>. <c>Vector256.Exp</c> on floats is
/// faster still (0.46 ns) but misses the correctly rounded value in 57 % of cases and gives exp(0) = 1.0000001, which
/// would put a floor under every cross-entropy. The exponential is <see cref="DoubleExp"/> (a short dependency chain,
/// for one sample's softmax); the logarithm is the runtime's. Full vectors of either width and the padded tail do the
/// same operations lane for lane, so a sample's softmax and loss do not depend on the batch it is in or its place there.
/// Without 256-bit SIMD the portable path calls <c>Math.Exp</c>/<c>Math.Log</c> per value.
/// </summary>
internal static class FloatMath
{
    /// <summary><c>y[i] = exp(x[i])</c>; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Exp(ReadOnlySpan<float> x, Span<float> y) => Apply<ExpOperation>(x, y);

    /// <summary><c>y[i] = log(x[i])</c>; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Log(ReadOnlySpan<float> x, Span<float> y) => Apply<LogOperation>(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply<TOperation>(ReadOnlySpan<float> x, Span<float> y)
        where TOperation : struct, IDoubleOperation
    {
        if (y.Length != x.Length)
        {
            ShapeGuard.ThrowLength(nameof(y), x.Length, y.Length, "the input's length");
        }

        int n = x.Length;
        int i = 0;
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        if (Vector256.IsHardwareAccelerated)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
                {
                    Vector512.StoreUnsafe(Apply<TOperation>(Vector512.LoadUnsafe(ref x0, (nuint)i)), ref y0, (nuint)i);
                }
            }

            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            {
                Vector256.StoreUnsafe(Apply<TOperation>(Vector256.LoadUnsafe(ref x0, (nuint)i)), ref y0, (nuint)i);
            }

            // The tail goes through vector code too, padded with ones (finite under both operations), in the narrowest
            // vector that holds it: a softmax over 3 classes waits for this one call, so its latency is what counts.
            int rest = n - i;
            if (rest > 4)
            {
                Vector256<float> tail = Vector256<float>.One;
                ref float t0 = ref Unsafe.As<Vector256<float>, float>(ref tail);
                for (int k = 0; k < rest; k++)
                {
                    Unsafe.Add(ref t0, k) = Unsafe.Add(ref x0, i + k);
                }

                tail = Apply<TOperation>(tail);
                for (int k = 0; k < rest; k++)
                {
                    Unsafe.Add(ref y0, i + k) = Unsafe.Add(ref t0, k);
                }
            }
            else if (rest > 0)
            {
                // Built in registers (element inserts), not through memory: a vector load of values just stored one by
                // one would wait for the stores to drain.
                ref float tail0 = ref Unsafe.Add(ref x0, i);
                Vector128<float> tail = Vector128.Create(
                    tail0,
                    rest > 1 ? Unsafe.Add(ref tail0, 1) : 1f,
                    rest > 2 ? Unsafe.Add(ref tail0, 2) : 1f,
                    rest > 3 ? Unsafe.Add(ref tail0, 3) : 1f);
                tail = Apply<TOperation>(tail);
                ref float out0 = ref Unsafe.Add(ref y0, i);
                out0 = tail.GetElement(0);
                if (rest > 1)
                {
                    Unsafe.Add(ref out0, 1) = tail.GetElement(1);
                }

                if (rest > 2)
                {
                    Unsafe.Add(ref out0, 2) = tail.GetElement(2);
                }

                if (rest > 3)
                {
                    Unsafe.Add(ref out0, 3) = tail.GetElement(3);
                }
            }

            return;
        }

        for (; i < n; i++)
        {
            y[i] = (float)TOperation.Invoke(x[i]);
        }
    }

    /// <summary>exp of each lane of <paramref name="x"/>: the same per-lane result as <see cref="Exp(ReadOnlySpan{float}, Span{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x) => Apply<ExpOperation>(x);

    /// <summary>exp of each lane of <paramref name="x"/>: the same per-lane result as <see cref="Exp(ReadOnlySpan{float}, Span{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => Apply<ExpOperation>(x);

    /// <summary>exp of each lane of <paramref name="x"/>: the same per-lane result as <see cref="Exp(ReadOnlySpan{float}, Span{float})"/> where 256-bit vectors are accelerated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => Apply<ExpOperation>(x);

    /// <summary>log of each lane of <paramref name="x"/>: the same per-lane result as <see cref="Log(ReadOnlySpan{float}, Span{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => Apply<LogOperation>(x);

    /// <summary>log of each lane of <paramref name="x"/>: the same per-lane result as <see cref="Log(ReadOnlySpan{float}, Span{float})"/> where 256-bit vectors are accelerated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => Apply<LogOperation>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Apply<TOperation>(Vector128<float> x)
        where TOperation : struct, IDoubleOperation
    {
        (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(x);
        Vector256<double> result = TOperation.Invoke(Vector256.Create(lower, upper));
        return Vector128.Narrow(result.GetLower(), result.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Apply<TOperation>(Vector512<float> x)
        where TOperation : struct, IDoubleOperation
    {
        (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(x);
        return Vector512.Narrow(TOperation.Invoke(lower), TOperation.Invoke(upper));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Apply<TOperation>(Vector256<float> x)
        where TOperation : struct, IDoubleOperation
    {
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(x);
        return Vector256.Narrow(TOperation.Invoke(lower), TOperation.Invoke(upper));
    }

    private interface IDoubleOperation
    {
        static abstract double Invoke(double x);

        static abstract Vector256<double> Invoke(Vector256<double> x);

        static abstract Vector512<double> Invoke(Vector512<double> x);
    }

    private readonly struct ExpOperation : IDoubleOperation
    {
        public static double Invoke(double x) => Math.Exp(x);

        public static Vector256<double> Invoke(Vector256<double> x) => DoubleExp.Exp(x);

        public static Vector512<double> Invoke(Vector512<double> x) => DoubleExp.Exp(x);
    }

    private readonly struct LogOperation : IDoubleOperation
    {
        public static double Invoke(double x) => Math.Log(x);

        public static Vector256<double> Invoke(Vector256<double> x) => Vector256.Log(x);

        public static Vector512<double> Invoke(Vector512<double> x) => Vector512.Log(x);
    }
}
