using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Generated;

/// <summary>
/// Moves values computed with pixels in lanes (a vector per channel, lane <c>p</c> pixel <c>p</c>) into the channels-last
/// layout of an image (pixel by pixel, every channel of a pixel together), for generated convolutions that sum 8 pixels
/// of one filter in a vector (each image value loaded once for every filter) but store as Keras lays images out.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ChannelsLast
{
    /// <summary>
    /// Writes 8 pixels of <paramref name="channels"/> channels (1 to 8; <paramref name="c0"/> is channel 0, the vectors
    /// past the last channel are ignored) to <paramref name="destination"/>: <c>destination[p·channels + c] = c_c[p]</c>.
    /// Unless <paramref name="exact"/>, it may also write up to 8 − <paramref name="channels"/> floats after the last
    /// (whole-vector stores, one a pixel, each overlapping the next pixel's): the caller stores the pixels after them
    /// afterwards, or passes <paramref name="exact"/> for the last pixels of a buffer. Inlined, so that with the channels
    /// a constant only one path remains; an 8 × 8 transposition by AVX's in-lane unpacks and shuffles where AVX is
    /// supported (the only place generated 256-bit code calls it), value by value elsewhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePixels(
        ref float destination,
        int channels,
        bool exact,
        Vector256<float> c0,
        Vector256<float> c1,
        Vector256<float> c2,
        Vector256<float> c3,
        Vector256<float> c4,
        Vector256<float> c5,
        Vector256<float> c6,
        Vector256<float> c7)
    {
        if ((uint)(channels - 1) > 7)
        {
            ThrowChannels(channels);
        }

        if (channels == 1)
        {
            c0.StoreUnsafe(ref destination);
            return;
        }

        if (!Avx.IsSupported)
        {
            StoreValues(ref destination, channels, c0, c1, c2, c3, c4, c5, c6, c7);
            return;
        }

        // The low half of q_p holds pixel p's channels 0–3, its high half pixel p + 4's.
        var (q0, q1, q2, q3) = Matrices.Quadruples(c0, c1, c2, c3);
        if (channels <= 4)
        {
            // A 128-bit store a pixel, channels 0–3 (those past the last land on the next pixel, stored after it).
            q0.GetLower().StoreUnsafe(ref destination);
            q1.GetLower().StoreUnsafe(ref destination, (nuint)channels);
            q2.GetLower().StoreUnsafe(ref destination, (nuint)(2 * channels));
            q3.GetLower().StoreUnsafe(ref destination, (nuint)(3 * channels));
            q0.GetUpper().StoreUnsafe(ref destination, (nuint)(4 * channels));
            q1.GetUpper().StoreUnsafe(ref destination, (nuint)(5 * channels));
            q2.GetUpper().StoreUnsafe(ref destination, (nuint)(6 * channels));
            StoreLast(ref Unsafe.Add(ref destination, 7 * channels), q3.GetUpper(), channels, exact);
            return;
        }

        var (q4, q5, q6, q7) = Matrices.Quadruples(c4, c5, c6, c7);

        // Halves exchanged between the two groups of four channels: each register one pixel, stored in pixel order.
        Avx.Permute2x128(q0, q4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(q1, q5, 0x20).StoreUnsafe(ref destination, (nuint)channels);
        Avx.Permute2x128(q2, q6, 0x20).StoreUnsafe(ref destination, (nuint)(2 * channels));
        Avx.Permute2x128(q3, q7, 0x20).StoreUnsafe(ref destination, (nuint)(3 * channels));
        Avx.Permute2x128(q0, q4, 0x31).StoreUnsafe(ref destination, (nuint)(4 * channels));
        Avx.Permute2x128(q1, q5, 0x31).StoreUnsafe(ref destination, (nuint)(5 * channels));
        Avx.Permute2x128(q2, q6, 0x31).StoreUnsafe(ref destination, (nuint)(6 * channels));
        Vector256<float> last = Avx.Permute2x128(q3, q7, 0x31);
        if (!exact || channels == 8)
        {
            last.StoreUnsafe(ref destination, (nuint)(7 * channels));
            return;
        }

        last.GetLower().StoreUnsafe(ref destination, (nuint)(7 * channels));
        StoreLast(ref Unsafe.Add(ref destination, 7 * channels + 4), last.GetUpper(), channels - 4, exact: true);
    }

    /// <summary>
    /// The other way, for a whole image: <paramref name="rows"/> rows of <paramref name="width"/> pixels of
    /// <paramref name="channels"/> channels (1 to 8), each row starting <paramref name="rowStride"/> floats after the last,
    /// into a plane per channel of runs of 8 pixels: <c>planes[(c·rows + r)·runs·8 + run·8 + l]</c> is row r's pixel
    /// <c>start(run) + l</c>, channel c, where a row has runs = ⌈width / 8⌉ and the last run starts at width − 8, overlapping
    /// the one before it; the lanes it shares with that run are 0, so that sums over the runs count each pixel once.
    /// Needs width ≥ 8. Reads nothing past the last pixel's channels.
    /// </summary>
    public static void ToPlanes(ReadOnlySpan<float> source, int rowStride, int rows, int width, int channels, Span<float> planes)
    {
        if ((uint)(channels - 1) > 7)
        {
            ThrowChannels(channels);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, Vector256<float>.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowStride, width * channels);
        int runs = (width + 7) / 8, planeSize = rows * runs * 8;
        if (rows > 0 && source.Length < ((rows - 1) * rowStride) + (width * channels))
        {
            ShapeGuard.ThrowLength(nameof(source), ((rows - 1) * rowStride) + (width * channels), source.Length, "(rows − 1) × rowStride + width × channels");
        }

        if (planes.Length < channels * planeSize)
        {
            ShapeGuard.ThrowLength(nameof(planes), channels * planeSize, planes.Length, "channels × rows × runs × 8");
        }

        ref float source0 = ref MemoryMarshal.GetReference(source);
        ref float planes0 = ref MemoryMarshal.GetReference(planes);
        Span<float> tail = stackalloc float[(8 * 8) + 8];
        for (int r = 0; r < rows; r++)
        {
            for (int run = 0; run < runs; run++)
            {
                int start = Math.Min(run * 8, width - 8), shared = (run * 8) - start;
                scoped ref float pixels = ref Unsafe.Add(ref source0, (r * rowStride) + (start * channels));
                ref float plane = ref Unsafe.Add(ref planes0, ((r * runs) + run) * 8);
                if (!Avx.IsSupported)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        for (int l = 0; l < 8; l++)
                        {
                            Unsafe.Add(ref plane, (c * planeSize) + l) = l < shared ? 0f : Unsafe.Add(ref pixels, (l * channels) + c);
                        }
                    }

                    continue;
                }

                // A vector a pixel (its lanes past the channels are the next pixel's, unused); where the last pixel's vector
                // would read past the source, the run is copied out first (the last vector reads furthest).
                int at = (r * rowStride) + (start * channels);
                if (at + (7 * channels) + 8 > source.Length)
                {
                    tail.Clear();
                    source.Slice(at, 8 * channels).CopyTo(tail);
                    pixels = ref MemoryMarshal.GetReference(tail);
                }

                Vector256<float> p0 = Vector256.LoadUnsafe(ref pixels), p1 = Vector256.LoadUnsafe(ref pixels, (nuint)channels);
                Vector256<float> p2 = Vector256.LoadUnsafe(ref pixels, (nuint)(2 * channels)), p3 = Vector256.LoadUnsafe(ref pixels, (nuint)(3 * channels));
                Vector256<float> p4 = Vector256.LoadUnsafe(ref pixels, (nuint)(4 * channels)), p5 = Vector256.LoadUnsafe(ref pixels, (nuint)(5 * channels));
                Vector256<float> p6 = Vector256.LoadUnsafe(ref pixels, (nuint)(6 * channels)), p7 = Vector256.LoadUnsafe(ref pixels, (nuint)(7 * channels));

                var (q0, q1, q2, q3) = Matrices.Quadruples(p0, p1, p2, p3);
                var (q4, q5, q6, q7) = Matrices.Quadruples(p4, p5, p6, p7);
                Vector256<float> keep = shared == 0 ? Vector256<float>.AllBitsSet : Vector256.GreaterThanOrEqual(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)shared));
                // Channels 0–3 pair q0–q3's low halves with q4–q7's, channels 4–7 their high halves.
                StoreFour(ref plane, planeSize, Math.Min(channels, 4), keep, Avx.Permute2x128(q0, q4, 0x20), Avx.Permute2x128(q1, q5, 0x20), Avx.Permute2x128(q2, q6, 0x20), Avx.Permute2x128(q3, q7, 0x20));
                if (channels > 4)
                {
                    StoreFour(ref Unsafe.Add(ref plane, 4 * planeSize), planeSize, channels - 4, keep, Avx.Permute2x128(q0, q4, 0x31), Avx.Permute2x128(q1, q5, 0x31), Avx.Permute2x128(q2, q6, 0x31), Avx.Permute2x128(q3, q7, 0x31));
                }
            }
        }
    }

    /// <summary>The first <paramref name="count"/> (1–4) of four channels' runs, a plane apart, with the lanes <paramref name="keep"/> clears zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFour(ref float plane, int planeSize, int count, Vector256<float> keep, Vector256<float> c0, Vector256<float> c1, Vector256<float> c2, Vector256<float> c3)
    {
        (c0 & keep).StoreUnsafe(ref plane);
        if (count > 1)
        {
            (c1 & keep).StoreUnsafe(ref plane, (nuint)planeSize);
        }

        if (count > 2)
        {
            (c2 & keep).StoreUnsafe(ref plane, (nuint)(2 * planeSize));
        }

        if (count > 3)
        {
            (c3 & keep).StoreUnsafe(ref plane, (nuint)(3 * planeSize));
        }
    }

    /// <summary>The first <paramref name="count"/> (1–4) floats of <paramref name="values"/>, or all four unless <paramref name="exact"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLast(ref float destination, Vector128<float> values, int count, bool exact)
    {
        if (!exact || count == 4)
        {
            values.StoreUnsafe(ref destination);
            return;
        }

        destination = values.ToScalar();
        if (count > 1)
        {
            Unsafe.Add(ref destination, 1) = values.GetElement(1);
        }

        if (count > 2)
        {
            Unsafe.Add(ref destination, 2) = values.GetElement(2);
        }
    }

    /// <summary>The same layout value by value (never more than the values themselves).</summary>
    private static void StoreValues(ref float destination, int channels, Vector256<float> c0, Vector256<float> c1, Vector256<float> c2, Vector256<float> c3, Vector256<float> c4, Vector256<float> c5, Vector256<float> c6, Vector256<float> c7)
    {
        Span<Vector256<float>> all = [c0, c1, c2, c3, c4, c5, c6, c7];
        for (int p = 0; p < Vector256<float>.Count; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                Unsafe.Add(ref destination, p * channels + c) = all[c].GetElement(p);
            }
        }
    }

    private static void ThrowChannels(int channels) =>
        throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 to 8: a vector of 8 floats a channel.");
}
