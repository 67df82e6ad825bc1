namespace StaticNet;

/// <summary>
/// Standardises each feature to zero mean and unit variance, as scikit-learn's <c>StandardScaler</c>: fit on the training set,
/// then apply the same shift and scale to any other set. Statistics are computed in double; the standard deviation is the
/// population one (ddof 0), and a constant feature is left unscaled (scale 1).
/// </summary>
public sealed class StandardScaler
{
    private StandardScaler(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Each feature's mean on the data the scaler was fitted on.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Each feature's standard deviation on the data the scaler was fitted on (1 where it was 0).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>Learns each feature's mean and standard deviation from <paramref name="data"/>.</summary>
    public static StandardScaler Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot fit a scaler on an empty dataset.", nameof(data));
        }

        int f = data.FeatureCount;
        var mean = new double[f];
        var scale = new double[f];
        ReadOnlySpan<float> x = data.Features;
        for (int i = 0; i < data.Count; i++)
        {
            for (int j = 0; j < f; j++)
            {
                mean[j] += x[i * f + j];
            }
        }

        for (int j = 0; j < f; j++)
        {
            mean[j] /= data.Count;
        }

        for (int i = 0; i < data.Count; i++)
        {
            for (int j = 0; j < f; j++)
            {
                double d = x[i * f + j] - mean[j];
                scale[j] += d * d;
            }
        }

        for (int j = 0; j < f; j++)
        {
            double sd = Math.Sqrt(scale[j] / data.Count);
            scale[j] = sd == 0 ? 1 : sd;
        }

        return new StandardScaler(mean, scale);
    }

    /// <summary>Returns <paramref name="data"/> with each feature shifted by the fitted mean and divided by the fitted scale.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int f = Mean.Count;
        if (data.FeatureCount != f)
        {
            throw new ArgumentException($"The scaler was fitted on {f} features but the dataset has {data.FeatureCount}.", nameof(data));
        }

        ReadOnlySpan<float> x = data.Features;
        var scaled = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int j = i % f;
            scaled[i] = (float)((x[i] - Mean[j]) / Scale[j]);
        }

        return data.WithFeatures(scaled);
    }

    /// <summary>Fits on <paramref name="data"/> and transforms it.</summary>
    public static (StandardScaler Scaler, Dataset Scaled) FitTransform(Dataset data)
    {
        var scaler = Fit(data);
        return (scaler, scaler.Transform(data));
    }
}
