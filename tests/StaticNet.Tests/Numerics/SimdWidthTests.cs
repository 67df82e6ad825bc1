using System.Runtime.Intrinsics;
using StaticNet.Generated;

namespace StaticNet.Tests.Numerics;

/// <summary>
/// The column loads, stores and additions of <see cref="ISimdWidth{TVector}"/> that a generic narrow pass gathers a vector
/// of samples' inputs, scatters its outputs and adds its kernel-gradient sums with, at every width: 512-bit vectors work in software where AVX-512 is
/// absent, so all three run on any machine. A store writes its lanes' places and nothing between them.
/// </summary>
public class SimdWidthTests
{
    private const float Untouched = -12345f;

    [Fact]
    public void A_column_is_loaded_stored_and_added_lane_by_lane_at_every_width()
    {
        Check<Simd512, Vector512<float>>(static v => v.ToArray());
        Check<Simd256, Vector256<float>>(static v => v.ToArray());
        Check<Simd128, Vector128<float>>(static v => v.ToArray());
    }

    private static void Check<TSimd, TVector>(Func<TVector, float[]> lanesOf)
        where TSimd : ISimdWidth<TVector>
        where TVector : struct
    {
        foreach (int stride in new[] { 1, 3, 10 })
        {
            // Values that say where they were: element e is e + 0.5.
            float[] rows = Enumerable.Range(0, (TSimd.Lanes * stride) + 2).Select(e => e + 0.5f).ToArray();
            TVector column = TSimd.LoadColumn(ref rows[1], stride);
            Assert.Equal(Enumerable.Range(0, TSimd.Lanes).Select(k => 1 + (k * stride) + 0.5f), lanesOf(column));

            float[] stored = Enumerable.Repeat(Untouched, (TSimd.Lanes * stride) + 2).ToArray();
            TSimd.StoreColumn(column, ref stored[1], stride);
            for (int e = 0; e < stored.Length; e++)
            {
                bool lane = e >= 1 && (e - 1) % stride == 0 && (e - 1) / stride < TSimd.Lanes;
                Assert.Equal(lane ? rows[e] : Untouched, stored[e]);
            }

            // Added from lane `first` on: the lanes before it and the floats between lanes keep their values.
            foreach (int first in new[] { 0, 1, TSimd.Lanes - 2, TSimd.Lanes })
            {
                float[] sums = Enumerable.Range(0, (TSimd.Lanes * stride) + 2).Select(e => 1000f + e).ToArray();
                TSimd.AddColumn(column, ref sums[1], stride, first);
                for (int e = 0; e < sums.Length; e++)
                {
                    bool added = e >= 1 && (e - 1) % stride == 0 && (e - 1) / stride is int k && k >= first && k < TSimd.Lanes;
                    Assert.Equal(added ? 1000f + e + rows[e] : 1000f + e, sums[e]);
                }
            }
        }
    }
}

/// <summary>Each lane of a vector, in order.</summary>
file static class Lanes
{
    public static float[] ToArray(this Vector512<float> v) => Enumerable.Range(0, Vector512<float>.Count).Select(k => v.GetElement(k)).ToArray();

    public static float[] ToArray(this Vector256<float> v) => Enumerable.Range(0, Vector256<float>.Count).Select(k => v.GetElement(k)).ToArray();

    public static float[] ToArray(this Vector128<float> v) => Enumerable.Range(0, Vector128<float>.Count).Select(k => v.GetElement(k)).ToArray();
}
