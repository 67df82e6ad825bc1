using StaticNet.Generated;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>RandomFlip: Keras's flips in training only, one draw per sample from the workspace's seeded stream.</summary>
public class RandomFlipTests
{
    [Fact]
    public void Flips_follow_the_draws_and_half_the_samples_flip_each_way()
    {
        // A 2 × 3 image of one channel: 0 1 2 / 3 4 5.
        float[] image = [0, 1, 2, 3, 4, 5];
        const int Count = 4000;
        float[] x = Enumerable.Range(0, Count).SelectMany(_ => image).ToArray();
        var y = new float[x.Length];
        var flips = new float[Count];
        RandomFlipReference.Forward(x, y, flips, Count, 2, 3, 1, FlipMode.HorizontalAndVertical, new SeededRandom(3), training: true);
        var draws = new SeededRandom(3);
        for (int s = 0; s < Count; s++)
        {
            ulong bits = draws.NextUInt64();
            Assert.Equal((bits & 1) + (bits & 2), (ulong)flips[s]);
        }

        float[][] expected = [[0, 1, 2, 3, 4, 5], [2, 1, 0, 5, 4, 3], [3, 4, 5, 0, 1, 2], [5, 4, 3, 2, 1, 0]];
        for (int s = 0; s < Count; s++)
        {
            Assert.Equal(expected[(int)flips[s]], y.AsSpan(s * 6, 6).ToArray());
        }

        Assert.InRange(flips.Count(f => ((int)f & 1) != 0), 1880, 2120); // 6 standard deviations of 4,000 fair coins
        Assert.InRange(flips.Count(f => ((int)f & 2) != 0), 1880, 2120);

        RandomFlipReference.Forward(x, y, flips, Count, 2, 3, 1, FlipMode.Vertical, new SeededRandom(3), training: true);
        Assert.All(flips, f => Assert.True(f is 0 or 2));
        RandomFlipReference.Forward(x, y, flips, Count, 2, 3, 1, FlipMode.HorizontalAndVertical, new SeededRandom(3), training: false);
        Assert.All(flips, f => Assert.Equal(0f, f));
        Assert.Equal(x, y);
    }

    [Fact]
    public void Flips_are_the_identity_in_inference_and_the_gradient_flips_back()
    {
        // Training with the flips replayed from the workspace's seed: the reference flips the same samples.
        INetwork net = new FlipNet(seed: 4);
        AssertAugmentationAgreesWithReference(net, "FlipNet", flips => Assert.Contains(flips[0], f => f != 0));
        Assert.Equal("RandomFlip(HorizontalAndVertical)", net.Layers[0].Describe());
    }
}
