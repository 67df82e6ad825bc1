using System.Globalization;

namespace StaticNet;

/// <summary>
/// Keras's gradient clipping (the optimizer arguments <c>clipnorm</c>, <c>global_clipnorm</c> and <c>clipvalue</c>),
/// applied to the mean gradient before the update rule sees it. The norms are summed in double, four lanes in a fixed
/// order, so they are the same bits on every processor.
/// </summary>
internal sealed class GradientClipping
{
    private readonly float _clipNorm;
    private readonly float _globalClipNorm;
    private readonly float _clipValue;
    private int[] _tensorEnds = []; // where each trainable tensor ends in the parameter vector, for ClipNorm
    private float[] _clipped = [];  // the clipped gradient, when a tensor's or an element's clip differs from a scale

    private GradientClipping(float clipNorm, float globalClipNorm, float clipValue) =>
        (_clipNorm, _globalClipNorm, _clipValue) = (clipNorm, globalClipNorm, clipValue);

    public float? ClipNorm => _clipNorm > 0 ? _clipNorm : null;

    public float? GlobalClipNorm => _globalClipNorm > 0 ? _globalClipNorm : null;

    public float? ClipValue => _clipValue > 0 ? _clipValue : null;

    public bool KnowsTensors => _tensorEnds.Length > 0;

    /// <summary>
    /// The clipping one of the three settings asks for (each finite and &gt; 0), or null for none. Keras applies only
    /// the first of <c>clipnorm</c>, <c>global_clipnorm</c>, <c>clipvalue</c> that is set and ignores the others; here
    /// setting two is refused, so that no setting is accepted and ignored.
    /// </summary>
    public static GradientClipping? Create(GradientClipping? current, string name, float value)
    {
        if (!float.IsFinite(value) || value <= 0f)
        {
            throw InvariantErrors.OutOfRange(name, value, $"{name} must be a finite number > 0, but is {value.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        string? other = current switch
        {
            { ClipNorm: not null } when name != nameof(ClipNorm) => nameof(ClipNorm),
            { GlobalClipNorm: not null } when name != nameof(GlobalClipNorm) => nameof(GlobalClipNorm),
            { ClipValue: not null } when name != nameof(ClipValue) => nameof(ClipValue),
            _ => null,
        };
        if (other is not null)
        {
            throw new ArgumentException($"{other} is already set: set one of ClipNorm, GlobalClipNorm and ClipValue (Keras applies only the first it finds).", name);
        }

        return name switch
        {
            nameof(ClipNorm) => new GradientClipping(value, 0f, 0f),
            nameof(GlobalClipNorm) => new GradientClipping(0f, value, 0f),
            _ => new GradientClipping(0f, 0f, value),
        };
    }

    /// <summary>Records where each of the network's trainable tensors lies, which ClipNorm clips one at a time.</summary>
    public void UseTensorsOf(INetwork network)
    {
        var ends = new List<int>();
        int expected = 0;
        foreach (LayerInfo layer in network.Layers)
        {
            foreach (ParameterInfo tensor in layer.Parameters)
            {
                if (!tensor.Trainable)
                {
                    continue;
                }

                if (tensor.Offset != expected)
                {
                    throw new ArgumentException($"{network.GetType().Name}'s {layer.Name}/{tensor.Name} starts at {tensor.Offset}, not where the previous tensor ended ({expected}).", nameof(network));
                }

                expected += tensor.Size;
                ends.Add(expected);
            }
        }

        if (expected != network.ParameterCount)
        {
            throw new ArgumentException($"{network.GetType().Name}'s tensors hold {expected} parameters but ParameterCount is {network.ParameterCount}.", nameof(network));
        }

        _tensorEnds = [.. ends];
    }

    /// <summary>
    /// The gradient the update rule should see (<paramref name="clipped"/>) and the scale it returns:
    /// <paramref name="gradient"/> × <paramref name="scale"/> clipped. A global norm clip only changes the scale; the
    /// other two write the clipped gradient into a buffer the clipping owns (made on the first step that needs it) and
    /// return it with scale 1.
    /// </summary>
    public float Apply(ReadOnlySpan<float> gradient, float scale, out ReadOnlySpan<float> clipped)
    {
        if (_globalClipNorm > 0)
        {
            // Keras's clip_by_global_norm: scale by clip / max(norm, clip); a non-finite norm makes every value NaN.
            double norm = Math.Sqrt(SumOfSquares(gradient)) * Math.Abs(scale);
            double factor = double.IsFinite(norm) ? _globalClipNorm / Math.Max(norm, _globalClipNorm) : double.NaN;
            clipped = gradient;
            return (float)(scale * factor);
        }

        if (_clipped.Length != gradient.Length)
        {
            _clipped = new float[gradient.Length];
        }

        if (_clipNorm > 0)
        {
            if (_tensorEnds.Length == 0 || _tensorEnds[^1] != gradient.Length)
            {
                throw new InvalidOperationException(
                    "ClipNorm clips each tensor (each kernel and bias) on its own, so the optimizer must know the network's tensors: Fit tells it; a training loop of your own calls optimizer.UseTensorsOf(network) first.");
            }

            // Keras's _clip_by_norm per variable: g · clip / max(‖g‖, clip).
            int start = 0;
            foreach (int end in _tensorEnds)
            {
                ReadOnlySpan<float> tensor = gradient[start..end];
                double norm = Math.Sqrt(SumOfSquares(tensor)) * Math.Abs(scale);
                float factor = (float)(scale * (_clipNorm / Math.Max(norm, _clipNorm)));
                for (int i = 0; i < tensor.Length; i++)
                {
                    _clipped[start + i] = tensor[i] * factor;
                }

                start = end;
            }
        }
        else
        {
            // Keras's clip(g, −v, v), element by element.
            float limit = _clipValue;
            for (int i = 0; i < gradient.Length; i++)
            {
                _clipped[i] = Math.Clamp(gradient[i] * scale, -limit, limit);
            }
        }

        clipped = _clipped;
        return 1f;
    }

    /// <summary>Σ g², in double, in four interleaved partial sums added in a fixed order.</summary>
    internal static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            double a = values[i], b = values[i + 1], c = values[i + 2], d = values[i + 3];
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }

        for (; i < values.Length; i++)
        {
            double a = values[i];
            s0 += a * a;
        }

        return (s0 + s1) + (s2 + s3);
    }
}
