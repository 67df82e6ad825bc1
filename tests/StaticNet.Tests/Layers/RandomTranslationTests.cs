using StaticNet.Generated;
using StaticNet.Tests.Networks;
using StaticNet.Tests.Numerics;
using static StaticNet.Tests.Layers.LayerTestData;

namespace StaticNet.Tests.Layers;

/// <summary>RandomTranslation: Keras's shifts in training only, with TensorFlow's fill modes and interpolation.</summary>
public class RandomTranslationTests
{
    // One row of one channel, a b c d = 1 2 3 4.
    private static readonly float[] Row = [1, 2, 3, 4];

    [Theory]
    [InlineData(FillMode.Reflect, new float[] { 1, 1, 2, 3 }, new float[] { 2, 1, 1, 2 })] // d c b a | a b c d
    [InlineData(FillMode.Wrap, new float[] { 4, 1, 2, 3 }, new float[] { 3, 4, 1, 2 })]
    [InlineData(FillMode.Nearest, new float[] { 1, 1, 2, 3 }, new float[] { 1, 1, 1, 2 })]
    [InlineData(FillMode.Constant, new float[] { 9, 1, 2, 3 }, new float[] { 9, 9, 1, 2 })]
    public void Whole_pixel_shifts_fill_the_edge_as_Keras(FillMode fillMode, float[] byOne, float[] byTwo)
    {
        var shifted = new float[4];
        RandomTranslationReference.Shift(Row, shifted, 1, 4, 1, down: 0, right: 1, fillMode, Interpolation.Bilinear, fillValue: 9);
        Assert.Equal(byOne, shifted);
        RandomTranslationReference.Shift(Row, shifted, 1, 4, 1, down: 0, right: 2, fillMode, Interpolation.Nearest, fillValue: 9);
        Assert.Equal(byTwo, shifted);

        // Left by one: the mirror image of the rule at the other edge.
        RandomTranslationReference.Shift(Row, shifted, 1, 4, 1, down: 0, right: -1, fillMode, Interpolation.Bilinear, fillValue: 9);
        Assert.Equal(byOne.Reverse().Select(v => v == 9 ? 9 : 5 - v), shifted);
    }

    [Fact]
    public void Fractional_shifts_interpolate_and_nearest_rounds_halves_away_from_zero()
    {
        var shifted = new float[4];
        RandomTranslationReference.Shift(Row, shifted, 1, 4, 1, down: 0, right: 0.25f, FillMode.Constant, Interpolation.Bilinear, fillValue: 0);
        Assert.Equal([0.75f * 1, 0.25f * 1 + 0.75f * 2, 0.25f * 2 + 0.75f * 3, 0.25f * 3 + 0.75f * 4], shifted);
        RandomTranslationReference.Shift(Row, shifted, 1, 4, 1, down: 0, right: 0.5f, FillMode.Nearest, Interpolation.Nearest, fillValue: 0);
        Assert.Equal([1, 2, 3, 4], shifted); // c − ½ rounds away from zero to c, except −½ → −1, clamped to 0

        // A column: down is rows.
        RandomTranslationReference.Shift(Row, shifted, 4, 1, 1, down: 1, right: 0, FillMode.Constant, Interpolation.Bilinear, fillValue: 0);
        Assert.Equal([0, 1, 2, 3], shifted);
    }

    [Fact]
    public void Shifts_follow_the_draws_within_the_factors_and_nothing_moves_in_inference()
    {
        const int Count = 2000, Height = 10, Width = 20;
        var x = new float[Count * Height * Width];
        var y = new float[x.Length];
        var shifts = new float[2 * Count];
        RandomTranslationReference.Forward(x, y, shifts, Count, Height, Width, 1, 0.2f, 0.1f, FillMode.Reflect, Interpolation.Bilinear, 0f, new SeededRandom(3), training: true);
        var draws = new SeededRandom(3);
        for (int s = 0; s < Count; s++)
        {
            Assert.Equal((2f * draws.NextSingle() - 1f) * 0.2f * Height, shifts[2 * s]);
            Assert.Equal((2f * draws.NextSingle() - 1f) * 0.1f * Width, shifts[(2 * s) + 1]);
        }

        Assert.InRange(shifts.Where((_, i) => i % 2 == 0).Min(), -2f, -1.9f);
        Assert.InRange(shifts.Where((_, i) => i % 2 == 0).Max(), 1.9f, 2f);
        Assert.InRange(shifts.Where((_, i) => i % 2 == 1).Max(), 1.9f, 2f);

        float[] image = Enumerable.Range(0, x.Length).Select(i => (float)Math.Sin(i)).ToArray();
        RandomTranslationReference.Forward(image, y, shifts, Count, Height, Width, 1, 0.2f, 0.1f, FillMode.Reflect, Interpolation.Bilinear, 0f, new SeededRandom(3), training: false);
        Assert.All(shifts, s => Assert.Equal(0f, s));
        Assert.Equal(image, y);
    }

    [Theory]
    [InlineData(FillMode.Reflect, Interpolation.Bilinear)]
    [InlineData(FillMode.Wrap, Interpolation.Bilinear)]
    [InlineData(FillMode.Nearest, Interpolation.Nearest)]
    [InlineData(FillMode.Constant, Interpolation.Bilinear)]
    public void The_backward_pass_is_the_adjoint_of_the_shift(FillMode fillMode, Interpolation interpolation)
    {
        // With a fill of 0 a shift is linear in the image, y = A·x, and its backward pass must be Aᵀ: ⟨A·x, g⟩ = ⟨x, Aᵀ·g⟩.
        const int Count = 16, Height = 7, Width = 6, Channels = 2;
        var random = new SeededRandom(11);
        float[] x = Enumerable.Range(0, Count * Height * Width * Channels).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] g = Enumerable.Range(0, x.Length).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var y = new float[x.Length];
        var back = new float[x.Length];
        var shifts = new float[2 * Count];
        RandomTranslationReference.Forward(x, y, shifts, Count, Height, Width, Channels, 0.5f, 0.5f, fillMode, interpolation, 0f, new SeededRandom(5), training: true);
        RandomTranslationReference.Backward(g, shifts, back, Count, Height, Width, Channels, fillMode, interpolation);
        double forward = x.Select((_, i) => (double)y[i] * g[i]).Sum();
        double adjoint = x.Select((v, i) => (double)v * back[i]).Sum();
        Assert.Equal(forward, adjoint, 1e-4);
        Assert.Contains(shifts, s => Math.Abs(s) > 1 && s != MathF.Round(s));
    }

    [Fact]
    public void Shifts_are_the_identity_in_inference_and_agree_with_the_double_reference_in_training()
    {
        // Training with the shifts replayed from the workspace's seed.
        INetwork net = new ShiftNet(seed: 4);
        var (inputs, targets, loss, gradient) = AssertAugmentationAgreesWithReference(net, "ShiftNet");
        Assert.Equal("RandomTranslation(0.3, 0.4, Reflect, Bilinear)", net.Layers[0].Describe());
        Assert.Equal("RandomTranslation(0.5, 0.25, Constant, Nearest, fill 0.5)", net.Layers[2].Describe());

        // Same seed, same bits.
        var again = new float[net.ParameterCount];
        Assert.Equal(loss, net.TrainBatch(inputs, targets, 6, again, new float[6 * net.OutputSize], net.CreateWorkspace(6, seed: 9)));
        Assert.Equal(gradient, again);
    }
}
