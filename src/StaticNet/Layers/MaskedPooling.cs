using System.ComponentModel;

namespace StaticNet.Generated;

/// <summary>
/// <c>[GlobalAveragePooling1D]</c> after an embedding with <c>MaskZero</c>, as Keras pools a masked sequence: each
/// channel's mean over the steps whose token id is not 0 (the padding). A sequence that is all padding gives zeros (Keras
/// divides by the zero count and gives NaN).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MaskedPooling
{
    /// <summary>y[s, c] = Σ over unmasked t of x[s, t, c], divided by their count.</summary>
    public static void AverageForward(ReadOnlySpan<float> x, ReadOnlySpan<float> tokens, Span<float> y, int count, int steps, int channels)
    {
        Check(x.Length, tokens.Length, y.Length, count, steps, channels);
        for (int s = 0; s < count; s++)
        {
            Span<float> row = y.Slice(s * channels, channels);
            row.Clear();
            int kept = 0;
            for (int t = 0; t < steps; t++)
            {
                if (tokens[s * steps + t] == 0f)
                {
                    continue;
                }

                kept++;
                ReadOnlySpan<float> step = x.Slice((s * steps + t) * channels, channels);
                for (int c = 0; c < channels; c++)
                {
                    row[c] += step[c];
                }
            }

            if (kept > 0)
            {
                float scale = 1f / kept;
                for (int c = 0; c < channels; c++)
                {
                    row[c] *= scale;
                }
            }
        }
    }

    /// <summary>dL/dx[s, t, c] = dL/dy[s, c] / count for an unmasked step, 0 for padding.</summary>
    public static void AverageBackward(ReadOnlySpan<float> tokens, ReadOnlySpan<float> gradient, Span<float> inputGradient, int count, int steps, int channels)
    {
        Check(inputGradient.Length, tokens.Length, gradient.Length, count, steps, channels);
        for (int s = 0; s < count; s++)
        {
            int kept = 0;
            for (int t = 0; t < steps; t++)
            {
                kept += tokens[s * steps + t] == 0f ? 0 : 1;
            }

            float scale = kept > 0 ? 1f / kept : 0f;
            ReadOnlySpan<float> row = gradient.Slice(s * channels, channels);
            for (int t = 0; t < steps; t++)
            {
                Span<float> step = inputGradient.Slice((s * steps + t) * channels, channels);
                float weight = tokens[s * steps + t] == 0f ? 0f : scale;
                for (int c = 0; c < channels; c++)
                {
                    step[c] = row[c] * weight;
                }
            }
        }
    }

    private static void Check(int sequence, int tokens, int pooled, int count, int steps, int channels)
    {
        DenseReference.CheckRows(sequence, count, steps * channels, "x");
        DenseReference.CheckRows(tokens, count, steps, nameof(tokens));
        DenseReference.CheckRows(pooled, count, channels, "y");
    }
}
