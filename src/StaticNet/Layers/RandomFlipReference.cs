using System.ComponentModel;

namespace StaticNet.Generated;

/// <summary>
/// Random flips of a tile of images, channels last. A step draws one 64-bit value per sample, in order: where the mode
/// allows it, bit 0 set flips the sample left–right and bit 1 set flips it top–bottom (each with probability ½). The
/// choice is kept as a float per sample (0: none, 1: left–right, 2: top–bottom, 3: both), so the backward pass flips the
/// gradient back.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RandomFlipReference
{
    /// <summary>
    /// In training, draws each sample's flips into <paramref name="flips"/> and writes the flipped images; otherwise
    /// clears the flips and copies.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> flips, int count, int height, int width, int channels, FlipMode mode, SeededRandom random, bool training)
    {
        ArgumentNullException.ThrowIfNull(random);
        int size = height * width * channels;
        DenseReference.CheckRows(x.Length, count, size, nameof(x));
        DenseReference.CheckRows(y.Length, count, size, nameof(y));
        DenseReference.CheckRows(flips.Length, count, 1, nameof(flips));
        for (int s = 0; s < count; s++)
        {
            int flip = 0;
            if (training)
            {
                ulong bits = random.NextUInt64();
                bool horizontal = mode != FlipMode.Vertical && (bits & 1) != 0;
                bool vertical = mode != FlipMode.Horizontal && (bits & 2) != 0;
                flip = (horizontal ? 1 : 0) | (vertical ? 2 : 0);
            }

            flips[s] = flip;
            Flip(x.Slice(s * size, size), y.Slice(s * size, size), height, width, channels, flip);
        }
    }

    /// <summary>dL/dx: each sample's gradient flipped as its image was (a flip is its own inverse).</summary>
    public static void Backward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> flips, Span<float> inputGradient, int count, int height, int width, int channels)
    {
        int size = height * width * channels;
        DenseReference.CheckRows(gradient.Length, count, size, nameof(gradient));
        DenseReference.CheckRows(inputGradient.Length, count, size, nameof(inputGradient));
        DenseReference.CheckRows(flips.Length, count, 1, nameof(flips));
        for (int s = 0; s < count; s++)
        {
            Flip(gradient.Slice(s * size, size), inputGradient.Slice(s * size, size), height, width, channels, (int)flips[s]);
        }
    }

    private static void Flip(ReadOnlySpan<float> source, Span<float> target, int height, int width, int channels, int flip)
    {
        bool horizontal = (flip & 1) != 0, vertical = (flip & 2) != 0;
        for (int r = 0; r < height; r++)
        {
            int row = vertical ? height - 1 - r : r;
            for (int c = 0; c < width; c++)
            {
                int column = horizontal ? width - 1 - c : c;
                source.Slice((row * width + column) * channels, channels).CopyTo(target.Slice((r * width + c) * channels, channels));
            }
        }
    }
}
