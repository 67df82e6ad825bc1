using System.Runtime.Intrinsics;
using StaticNet.Generated;

namespace StaticNet.Tests.Numerics;

/// <summary>
/// The transposition a one-channel convolution's 256-bit forward pass stores its runs of pixels with: 8 pixels a vector
/// per channel into channels last. Every channel count, both store modes; what it may write past the pixels it must not
/// exceed, and an exact store writes nothing past them. The suite also runs without AVX, which takes the value-by-value
/// path.
/// </summary>
public class ChannelsLastTests
{
    private const float Untouched = -12345f;

    public static TheoryData<int> Channels => new([1, 2, 3, 4, 5, 6, 7, 8]);

    [Theory]
    [MemberData(nameof(Channels))]
    public void Pixels_are_stored_channel_by_channel_and_an_exact_store_writes_nothing_past_them(int channels)
    {
        var random = new SeededRandom(channels);
        var vectors = new Vector256<float>[8];
        for (int c = 0; c < 8; c++)
        {
            vectors[c] = Vector256.Create([.. Enumerable.Range(0, 8).Select(_ => random.NextSingle() * 4f - 2f)]);
        }

        foreach (bool exact in new[] { false, true })
        {
            float[] destination = [.. Enumerable.Repeat(Untouched, (8 * channels) + 16)];
            const int Start = 3; // not a multiple of a vector
            ChannelsLast.StorePixels(ref destination[Start], channels, exact, vectors[0], vectors[1], vectors[2], vectors[3], vectors[4], vectors[5], vectors[6], vectors[7]);

            for (int i = 0; i < Start; i++)
            {
                Assert.Equal(Untouched, destination[i]);
            }

            for (int p = 0; p < 8; p++)
            {
                for (int c = 0; c < channels; c++)
                {
                    Assert.Equal(vectors[c].GetElement(p), destination[Start + (p * channels) + c]);
                }
            }

            // Past the pixels: nothing when exact, at most 8 − channels floats otherwise.
            int end = Start + (8 * channels), reach = exact ? 0 : 8 - channels;
            for (int i = end + reach; i < destination.Length; i++)
            {
                Assert.Equal(Untouched, destination[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Planes_hold_each_channels_runs_of_pixels_and_an_overlapping_run_counts_each_pixel_once(int channels)
    {
        var random = new SeededRandom(40 + channels);
        foreach ((int width, int pad) in new[] { (8, 0), (10, 3), (17, 0), (24, 1) })
        {
            const int Rows = 3;
            int stride = (width * channels) + pad, runs = (width + 7) / 8, planeSize = Rows * runs * 8;
            float[] source = [.. Enumerable.Range(0, ((Rows - 1) * stride) + (width * channels)).Select(_ => random.NextSingle() * 2f - 1f)];
            float[] planes = [.. Enumerable.Repeat(Untouched, (channels * planeSize) + 8)];
            ChannelsLast.ToPlanes(source, stride, Rows, width, channels, planes);

            var covered = new int[Rows * width * channels];
            for (int c = 0; c < channels; c++)
            {
                for (int r = 0; r < Rows; r++)
                {
                    for (int run = 0; run < runs; run++)
                    {
                        int start = Math.Min(run * 8, width - 8);
                        for (int l = 0; l < 8; l++)
                        {
                            float value = planes[(((c * Rows) + r) * runs * 8) + (run * 8) + l];
                            if (start + l < run * 8)
                            {
                                Assert.Equal(0f, value); // shared with the run before
                                continue;
                            }

                            Assert.Equal(source[(r * stride) + ((start + l) * channels) + c], value);
                            covered[(((r * width) + start + l) * channels) + c]++;
                        }
                    }
                }
            }

            Assert.All(covered, n => Assert.Equal(1, n));
            Assert.All(planes[(channels * planeSize)..], value => Assert.Equal(Untouched, value));
        }
    }

    [Fact]
    public void A_channel_count_outside_one_to_eight_is_refused()
    {
        float[] destination = new float[128];
        Vector256<float> v = Vector256<float>.One;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelsLast.StorePixels(ref destination[0], 9, exact: true, v, v, v, v, v, v, v, v));
        Assert.Contains("1 to 8", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelsLast.StorePixels(ref destination[0], 0, exact: true, v, v, v, v, v, v, v, v));
        Assert.All(destination, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void The_store_is_inlined_where_generated_code_calls_it() =>
        // Eight vectors passed by value would otherwise go through the stack at every run of 8 pixels.
        Assert.True(typeof(ChannelsLast).GetMethod(nameof(ChannelsLast.StorePixels))!.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveInlining));
}
