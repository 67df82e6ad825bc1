using System.Buffers;
using System.ComponentModel;

namespace StaticNet.Generated;

/// <summary>
/// Random shifts of a tile of images, channels last, as Keras's <c>RandomTranslation</c> with TensorFlow's rules. A step
/// draws two uniform floats per sample, in order: the shift down, (2u − 1) × height factor × height rows, then the shift
/// right, (2u − 1) × width factor × width columns. Output pixel (r, c) reads the input at (r − down, c − right): that
/// position is mapped into the image by the fill mode (reflected, wrapped or clamped; a constant fill leaves it outside),
/// then read bilinearly from its four neighbours (or from the nearest pixel), where a neighbour outside the image reads
/// the fill value. The shifts are kept, two floats per sample, so the backward pass carries each output's gradient back
/// to the pixels it was read from with the same weights.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RandomTranslationReference
{
    /// <summary>Widths whose column table goes on the stack (12 bytes a column); wider images rent it.</summary>
    private const int StackColumns = 1024;

    /// <summary>In training, draws each sample's shift into <paramref name="shifts"/> and writes the shifted images; otherwise clears the shifts and copies.</summary>
    public static void Forward(
        ReadOnlySpan<float> x,
        Span<float> y,
        Span<float> shifts,
        int count,
        int height,
        int width,
        int channels,
        float heightFactor,
        float widthFactor,
        FillMode fillMode,
        Interpolation interpolation,
        float fillValue,
        SeededRandom random,
        bool training)
    {
        ArgumentNullException.ThrowIfNull(random);
        int size = Check(x.Length, y.Length, shifts.Length, count, height, width, channels);
        for (int s = 0; s < count; s++)
        {
            float down = 0f, right = 0f;
            if (training)
            {
                down = (2f * random.NextSingle() - 1f) * heightFactor * height;
                right = (2f * random.NextSingle() - 1f) * widthFactor * width;
            }

            shifts[2 * s] = down;
            shifts[(2 * s) + 1] = right;
            Shift(x.Slice(s * size, size), y.Slice(s * size, size), height, width, channels, down, right, fillMode, interpolation, fillValue);
        }
    }

    /// <summary>One image moved <paramref name="down"/> rows and <paramref name="right"/> columns (fractions allowed).</summary>
    internal static void Shift(ReadOnlySpan<float> image, Span<float> shifted, int height, int width, int channels, float down, float right, FillMode fillMode, Interpolation interpolation, float fillValue)
    {
        if (down == 0f && right == 0f)
        {
            image.CopyTo(shifted);
            return;
        }

        // Where each column reads is the same in every row: worked out once per image.
        Tap[]? rented = null;
        Span<Tap> columns = width <= StackColumns ? stackalloc Tap[width] : (rented = ArrayPool<Tap>.Shared.Rent(width)).AsSpan(0, width);
        Tap.Fill(columns, right, fillMode, interpolation);
        for (int r = 0; r < height; r++)
        {
            Tap rows = Tap.At(r - down, height, fillMode, interpolation);
            for (int c = 0; c < width; c++)
            {
                for (int k = 0; k < channels; k++)
                {
                    float top = Read(image, rows.First, columns[c], width, channels, k, fillValue);
                    float value = rows.Weight == 0f ? top : ((1f - rows.Weight) * top) + (rows.Weight * Read(image, rows.Second, columns[c], width, channels, k, fillValue));
                    shifted[(((r * width) + c) * channels) + k] = value;
                }
            }
        }

        if (rented is not null)
        {
            ArrayPool<Tap>.Shared.Return(rented);
        }
    }

    /// <summary>dL/dx: each output's gradient added to the pixels it was read from, with the weights it was read with.</summary>
    public static void Backward(ReadOnlySpan<float> gradient, ReadOnlySpan<float> shifts, Span<float> inputGradient, int count, int height, int width, int channels, FillMode fillMode, Interpolation interpolation)
    {
        int size = Check(gradient.Length, inputGradient.Length, shifts.Length, count, height, width, channels);
        inputGradient.Slice(0, count * size).Clear();
        Tap[]? rented = null;
        Span<Tap> columns = width <= StackColumns ? stackalloc Tap[width] : (rented = ArrayPool<Tap>.Shared.Rent(width)).AsSpan(0, width);
        for (int s = 0; s < count; s++)
        {
            float down = shifts[2 * s];
            Tap.Fill(columns, shifts[(2 * s) + 1], fillMode, interpolation);
            ReadOnlySpan<float> g = gradient.Slice(s * size, size);
            Span<float> image = inputGradient.Slice(s * size, size);
            for (int r = 0; r < height; r++)
            {
                Tap rows = Tap.At(r - down, height, fillMode, interpolation);
                for (int c = 0; c < width; c++)
                {
                    for (int k = 0; k < channels; k++)
                    {
                        float value = g[(((r * width) + c) * channels) + k];
                        Add(image, rows.First, columns[c], width, channels, k, (1f - rows.Weight) * value);
                        if (rows.Weight != 0f)
                        {
                            Add(image, rows.Second, columns[c], width, channels, k, rows.Weight * value);
                        }
                    }
                }
            }
        }

        if (rented is not null)
        {
            ArrayPool<Tap>.Shared.Return(rented);
        }
    }

    /// <summary>The value at row <paramref name="row"/> read along the columns (−1: outside the image, the fill value).</summary>
    private static float Read(ReadOnlySpan<float> image, int row, Tap columns, int width, int channels, int k, float fillValue)
    {
        float left = Pixel(image, row, columns.First, width, channels, k, fillValue);
        return columns.Weight == 0f ? left : ((1f - columns.Weight) * left) + (columns.Weight * Pixel(image, row, columns.Second, width, channels, k, fillValue));
    }

    private static float Pixel(ReadOnlySpan<float> image, int row, int column, int width, int channels, int k, float fillValue) =>
        row < 0 || column < 0 ? fillValue : image[(((row * width) + column) * channels) + k];

    private static void Add(Span<float> image, int row, Tap columns, int width, int channels, int k, float value)
    {
        if (row < 0)
        {
            return;
        }

        if (columns.First >= 0)
        {
            image[(((row * width) + columns.First) * channels) + k] += (1f - columns.Weight) * value;
        }

        if (columns.Weight != 0f && columns.Second >= 0)
        {
            image[(((row * width) + columns.Second) * channels) + k] += columns.Weight * value;
        }
    }

    private static int Check(int xLength, int yLength, int shiftsLength, int count, int height, int width, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        int size = height * width * channels;
        DenseReference.CheckRows(xLength, count, size, "x");
        DenseReference.CheckRows(yLength, count, size, "y");
        DenseReference.CheckRows(shiftsLength, count, 2, "shifts");
        return size;
    }

    /// <summary>
    /// Where one output position reads along an axis: the pixel <see cref="First"/> and, with weight
    /// <see cref="Weight"/>, the next one <see cref="Second"/> (−1 where outside the image).
    /// </summary>
    private readonly record struct Tap(int First, int Second, float Weight)
    {
        public static Tap At(float position, int length, FillMode fillMode, Interpolation interpolation)
        {
            float mapped = Map(position, length, fillMode);
            if (interpolation == Interpolation.Nearest)
            {
                return new Tap(Inside(MathF.Round(mapped, MidpointRounding.AwayFromZero), length), -1, 0f);
            }

            float floor = MathF.Floor(mapped);
            return new Tap(Inside(floor, length), Inside(floor + 1f, length), mapped - floor);
        }

        /// <summary>Where each of the <paramref name="columns"/>' positions reads, shifted <paramref name="right"/>.</summary>
        public static void Fill(Span<Tap> columns, float right, FillMode fillMode, Interpolation interpolation)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = At(c - right, columns.Length, fillMode, interpolation);
            }
        }

        private static int Inside(float index, int length) => index >= 0f && index <= length - 1 ? (int)index : -1;

        /// <summary>TensorFlow's mapping of a position outside [0, length − 1] into it, for every fill mode but constant.</summary>
        private static float Map(float x, int length, FillMode fillMode)
        {
            if (fillMode == FillMode.Constant || (x >= 0f && x <= length - 1))
            {
                return x;
            }

            if (length <= 1)
            {
                return 0f;
            }

            switch (fillMode)
            {
                case FillMode.Reflect:
                {
                    // Reflected about −½ and length − ½: d c b a | a b c d | d c b a.
                    float period = 2f * length;
                    float folded = x - (period * MathF.Floor(x / period));
                    x = folded >= length ? period - folded - 1f : folded;
                    break;
                }

                case FillMode.Wrap:
                    x -= length * MathF.Floor(x / length);
                    break;
            }

            return Math.Clamp(x, 0f, length - 1);
        }
    }
}
