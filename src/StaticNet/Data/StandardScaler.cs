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

    /// <summary>
    /// A scaler rebuilt from its statistics (saved from <see cref="Mean"/> and <see cref="Scale"/>, or scikit-learn's
    /// <c>mean_</c> and <c>scale_</c>), for a deployed model that has no training data.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, a mean is not finite, or a scale is not finite and positive (each named by feature).</exception>
    public StandardScaler(IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Count == 0 || mean.Count != scale.Count)
        {
            throw new ArgumentException($"A scaler needs one mean and one scale per feature, but has {mean.Count} means and {scale.Count} scales.", nameof(scale));
        }

        for (int j = 0; j < mean.Count; j++)
        {
            if (!double.IsFinite(mean[j]))
            {
                throw new ArgumentException(FormattableString.Invariant($"Feature {j}'s mean is {mean[j]}; it must be finite."), nameof(mean));
            }

            if (!(double.IsFinite(scale[j]) && scale[j] > 0))
            {
                throw new ArgumentException(FormattableString.Invariant($"Feature {j}'s scale is {scale[j]}; it must be finite and positive."), nameof(scale));
            }
        }

        Mean = mean.ToArray();
        Scale = scale.ToArray();
    }

    /// <summary>Each feature's mean on the data the scaler was fitted on.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Each feature's standard deviation on the data the scaler was fitted on (1 for a constant column).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>The distance from 1 to the next double (numpy's <c>finfo(float64).eps</c>).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Learns each feature's mean and (population) standard deviation from <paramref name="data"/>, as scikit-learn's
    /// <c>StandardScaler</c> does: a constant column (standard deviation under 10 machine epsilons) gets scale 1.
    /// </summary>
    /// <remarks>
    /// A <see cref="Dataset"/> holds only finite values (its constructor refuses others, naming the sample and feature),
    /// and statistics of finite floats cannot overflow in double precision, so every fitted mean and scale is finite.
    /// </remarks>
    /// <exception cref="ArgumentException">The dataset is empty.</exception>
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
            // scikit-learn's rule (_handle_zeros_in_scale): a standard deviation under 10 machine epsilons is a constant
            // column, scaled by 1, so it becomes zeros rather than NaN or noise blown up by 1e15.
            double sd = Math.Sqrt(scale[j] / data.Count);
            scale[j] = sd < 10 * MachineEpsilon ? 1 : sd;
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
        for (int row = 0; row < x.Length; row += f)
        {
            Transform(x.Slice(row, f), scaled.AsSpan(row, f));
        }

        return data.WithFeatures(scaled);
    }

    /// <summary>Scales one sample (a deployed model's input): <c>(x − mean) / scale</c> per feature. Allocates nothing.</summary>
    public void Transform(ReadOnlySpan<float> sample, Span<float> destination)
    {
        int f = Mean.Count;
        if (sample.Length != f)
        {
            ShapeGuard.ThrowLength(nameof(sample), f, sample.Length, "the scaler's feature count");
        }

        if (destination.Length != f)
        {
            ShapeGuard.ThrowLength(nameof(destination), f, destination.Length, "the scaler's feature count");
        }

        for (int j = 0; j < f; j++)
        {
            destination[j] = (float)((sample[j] - Mean[j]) / Scale[j]);
        }
    }

    /// <summary>One sample scaled, in a new array.</summary>
    public float[] Transform(ReadOnlySpan<float> sample)
    {
        var scaled = new float[Mean.Count];
        Transform(sample, scaled);
        return scaled;
    }

    /// <summary>Fits on <paramref name="data"/> and transforms it.</summary>
    public static (StandardScaler Scaler, Dataset Scaled) FitTransform(Dataset data)
    {
        var scaler = Fit(data);
        return (scaler, scaler.Transform(data));
    }
}
