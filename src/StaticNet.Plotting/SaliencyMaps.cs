using SkiaSharp;

namespace StaticNet.Plotting;

/// <summary>
/// Input-gradient saliency of images (what a network looks at, the primer's question of how to see inside a model): each
/// image in grey beside a map of its saliency, where red marks the pixels whose change moves the output most, either way.
/// </summary>
public static class SaliencyMaps
{
    /// <summary>
    /// Writes a PNG with one column per image: the image (values in [0, 1], black to white) above its saliency map
    /// (|gradient| scaled to the image's largest, white to red), each pixel drawn as a <paramref name="scale"/>-pixel
    /// square, with <paramref name="captions"/> (e.g. "7 → 7") under each column. Atomic.
    /// </summary>
    /// <param name="path">The <c>.png</c> file.</param>
    /// <param name="images">The images, <paramref name="height"/> × <paramref name="width"/> values each, row-major.</param>
    /// <param name="saliency">Their input gradients (from <c>Saliency</c> or <c>InputGradient</c>), the same sizes.</param>
    /// <param name="height">Image rows.</param>
    /// <param name="width">Image columns.</param>
    /// <param name="captions">A caption per image, or null.</param>
    /// <param name="scale">Screen pixels per image pixel.</param>
    public static void Save(string path, IReadOnlyList<float[]> images, IReadOnlyList<float[]> saliency, int height, int width, IReadOnlyList<string>? captions = null, int scale = 6)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(saliency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (images.Count == 0 || images.Count != saliency.Count || (captions is not null && captions.Count != images.Count))
        {
            throw new ArgumentException($"{images.Count} images, {saliency.Count} saliency maps and {captions?.Count.ToString() ?? "no"} captions: give at least one image, a map for each and, if any, a caption for each.", nameof(saliency));
        }

        for (int i = 0; i < images.Count; i++)
        {
            if (images[i].Length != height * width || saliency[i].Length != height * width)
            {
                throw new ArgumentException($"Image {i} has {images[i].Length} values and its map {saliency[i].Length}; each must have {height} × {width}.", nameof(images));
            }
        }

        const int Gap = 8, CaptionHeight = 22;
        int cell = width * scale, rows = height * scale;
        using var bitmap = new SKBitmap(Gap + images.Count * (cell + Gap), Gap + 2 * (rows + Gap) + CaptionHeight);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint();
            using var font = new SKFont { Size = 14 };
            using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (int i = 0; i < images.Count; i++)
            {
                int left = Gap + i * (cell + Gap);
                float largest = saliency[i].Max(MathF.Abs);
                for (int r = 0; r < height; r++)
                {
                    for (int c = 0; c < width; c++)
                    {
                        byte grey = (byte)Math.Clamp(images[i][r * width + c] * 255f, 0f, 255f);
                        paint.Color = new SKColor(grey, grey, grey);
                        canvas.DrawRect(left + c * scale, Gap + r * scale, scale, scale, paint);
                        float heat = largest > 0 ? MathF.Abs(saliency[i][r * width + c]) / largest : 0f;
                        byte fade = (byte)(255 - (int)(heat * 255f));
                        paint.Color = new SKColor(255, fade, fade);
                        canvas.DrawRect(left + c * scale, 2 * Gap + rows + r * scale, scale, scale, paint);
                    }
                }

                if (captions is not null)
                {
                    canvas.DrawText(captions[i], left, 2 * Gap + 2 * rows + CaptionHeight - 4, font, text);
                }
            }
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.AsSpan());
    }
}
