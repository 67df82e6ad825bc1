namespace StaticNet;

/// <summary>
/// Regression metrics with scikit-learn's definitions; with several outputs, each is computed per output and the outputs
/// averaged (scikit-learn's <c>multioutput='uniform_average'</c>).
/// </summary>
public static class RegressionMetrics
{
    /// <summary>Mean absolute error (<c>mean_absolute_error</c>).</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted, int outputs = 1) =>
        Accumulate(actual, predicted, outputs).MeanAbsoluteError;

    /// <summary>Root mean squared error (<c>root_mean_squared_error</c>).</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted, int outputs = 1) =>
        Accumulate(actual, predicted, outputs).RootMeanSquaredError;

    /// <summary>
    /// The coefficient of determination R² (<c>r2_score</c>): 1 − Σ(y − ŷ)² / Σ(y − ȳ)². An output whose targets are all
    /// equal scores 1 if predicted exactly and 0 otherwise, as scikit-learn's <c>force_finite</c>.
    /// </summary>
    public static double R2Score(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted, int outputs = 1) =>
        Accumulate(actual, predicted, outputs).R2Score;

    private static RegressionSums Accumulate(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        if (actual.Length != predicted.Length || actual.Length % outputs != 0)
        {
            throw new ArgumentException($"{actual.Length} targets and {predicted.Length} predictions are not samples of {outputs} outputs each.", nameof(predicted));
        }

        if (actual.IsEmpty)
        {
            throw new ArgumentException("There are no samples.", nameof(actual));
        }

        // A NaN or infinite value would make the metric NaN (or ∞) with no word of where: refused with the sample, as RocAuc does.
        for (int i = 0; i < actual.Length; i++)
        {
            if (!float.IsFinite(actual[i]) || !float.IsFinite(predicted[i]))
            {
                bool target = !float.IsFinite(actual[i]);
                float value = target ? actual[i] : predicted[i];
                string where = outputs == 1 ? $"Sample {i}" : $"Sample {i / outputs}, output {i % outputs},";
                throw new ArgumentException(
                    $"{where} has a {(float.IsNaN(value) ? "NaN" : "non-finite")} {(target ? "target" : "prediction")}.",
                    target ? nameof(actual) : nameof(predicted));
            }
        }

        var sums = new RegressionSums(outputs);
        sums.Add(actual, predicted);
        return sums;
    }
}

/// <summary>
/// Running per-output sums from which MAE, RMSE and R² follow, in double. The target sums are taken about each output's
/// first target (a shift that leaves the variance unchanged), so targets far from 0 lose no precision and constant targets
/// give a total sum of squares of exactly 0.
/// </summary>
internal sealed class RegressionSums(int outputs)
{
    private readonly double[] _shift = new double[outputs];
    private readonly double[] _absolute = new double[outputs];
    private readonly double[] _squared = new double[outputs];
    private readonly double[] _target = new double[outputs];
    private readonly double[] _targetSquared = new double[outputs];
    private long _samples;

    public void Clear()
    {
        Array.Clear(_absolute);
        Array.Clear(_squared);
        Array.Clear(_target);
        Array.Clear(_targetSquared);
        _samples = 0;
    }

    public void Add(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        int outputs = _absolute.Length;
        for (int i = 0; i < actual.Length; i++)
        {
            int o = i % outputs;
            double y = actual[i], error = y - predicted[i];
            if (_samples == 0 && i < outputs)
            {
                _shift[o] = y;
            }

            double shifted = y - _shift[o];
            _absolute[o] += Math.Abs(error);
            _squared[o] += error * error;
            _target[o] += shifted;
            _targetSquared[o] += shifted * shifted;
        }

        _samples += actual.Length / outputs;
    }

    public double MeanAbsoluteError => _absolute.Average() / _samples;

    public double RootMeanSquaredError => _squared.Average(s => Math.Sqrt(s / _samples));

    public double R2Score
    {
        get
        {
            double sum = 0;
            for (int o = 0; o < _absolute.Length; o++)
            {
                double mean = _target[o] / _samples;
                double total = Math.Max(_targetSquared[o] - _samples * mean * mean, 0);
                double residual = _squared[o];
                sum += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
            }

            return sum / _absolute.Length;
        }
    }
}
