using StaticNet;
using StaticNet.Plotting;

namespace Samples.Sunspots;

/// <summary>Twelve years of (standardised) sunspot numbers in, the next year's out.</summary>
[Network(Loss.MeanSquaredError)]
[Input(12, 1)]
[LSTM(32)]
[Dense(1)]
public partial class SunspotsNet;

/// <summary>What the sample measured: test mean absolute errors in sunspots, and where the plot went.</summary>
public sealed record SunspotsOutcome(History History, int TestYears, double NaiveMae, double LinearMae, double NetworkMae, double[] LinearCoefficients, string Plot);

public static class SunspotsExample
{
    public const int Seed = 42;

    /// <summary>Years per window: about one solar cycle.</summary>
    public const int Window = 12;

    /// <summary>The first year forecast in the test part; the years before train (1700–1929, 230 years).</summary>
    public const int FirstTestYear = 1930;

    /// <summary>The yearly series, 1700–2008.</summary>
    public static (int[] Years, float[] Sunspots) Load(string folder)
    {
        Dataset data = Csv.Load(Path.Combine(folder, "sunspots.csv"), labelColumn: "SUNACTIVITY");
        return (data.Features.ToArray().Select(y => (int)y).ToArray(), data.Targets.ToArray());
    }

    public static SunspotsOutcome Run(string dataFolder, string outputFolder, TextWriter? log, int verbose = 0)
    {
        (int[] years, float[] sunspots) = Load(dataFolder);
        int split = Array.IndexOf(years, FirstTestYear);

        // Standardised by the training years' mean and standard deviation, for the network; errors are reported back in sunspots.
        double mean = sunspots[..split].Average(v => (double)v);
        double std = Math.Sqrt(sunspots[..split].Average(v => (v - mean) * (v - mean)));
        float[] scaled = sunspots.Select(v => (float)((v - mean) / std)).ToArray();

        // Window k: years k..k+11 in, year k+12 out. Training targets end at 1929; test targets are 1930–2008.
        Dataset train = Dataset.FromSeries(scaled, 1, scaled, Window, targetOffset: Window, endIndex: split - 1);
        Dataset test = Dataset.FromSeries(scaled, 1, scaled, Window, targetOffset: Window, startIndex: split - Window);

        var network = new SunspotsNet(Seed);
        History history = network.Fit(
            train,
            epochs: 300,
            batchSize: 16,
            optimizer: new Adam(0.01f) { GlobalClipNorm = 1f },
            seed: Seed,
            validationSplit: 0.2,
            callbacks: [new EarlyStopping(monitor: "val_loss", patience: 60, restoreBestWeights: true)],
            log: log,
            verbose: verbose);

        float[] predicted = network.Predict(test);
        double[] coefficients = LinearAutoregression(train);
        double naive = 0, linear = 0, net = 0;
        var truth = new double[test.Count];
        var networkForecast = new double[test.Count];
        var linearForecast = new double[test.Count];
        for (int k = 0; k < test.Count; k++)
        {
            ReadOnlySpan<float> window = test.FeaturesOf(k);
            double Unscaled(double v) => v * std + mean;
            truth[k] = Unscaled(test.TargetOf(k)[0]);
            double sum = coefficients[0];
            for (int i = 0; i < Window; i++)
            {
                sum += coefficients[i + 1] * window[i];
            }

            linearForecast[k] = Unscaled(sum);
            networkForecast[k] = Unscaled(predicted[k]);
            naive += Math.Abs(Unscaled(window[Window - 1]) - truth[k]);
            linear += Math.Abs(linearForecast[k] - truth[k]);
            net += Math.Abs(networkForecast[k] - truth[k]);
        }

        string plot = Path.Combine(outputFolder, "sunspots_forecast.png");
        double[] testYears = Enumerable.Range(FirstTestYear, test.Count).Select(y => (double)y).ToArray();
        Plots.Lines("Yearly sunspots, test years: forecast one year ahead", "year", "sunspots", testYears,
            ("observed", truth), ("LSTM", networkForecast), ("linear autoregression", linearForecast)).Save(plot, height: 400);
        return new SunspotsOutcome(history, test.Count, naive / test.Count, linear / test.Count, net / test.Count, coefficients, plot);
    }

    /// <summary>
    /// Least squares of the target on an intercept and the window's twelve values (the normal equations, solved by
    /// Cholesky in double): β₀, β₁ (the oldest year) … β₁₂ (the latest).
    /// </summary>
    public static double[] LinearAutoregression(Dataset windows)
    {
        int p = windows.FeatureCount + 1;
        var a = new double[p, p];
        var b = new double[p];
        var row = new double[p];
        for (int k = 0; k < windows.Count; k++)
        {
            row[0] = 1;
            ReadOnlySpan<float> x = windows.FeaturesOf(k);
            for (int i = 0; i < x.Length; i++)
            {
                row[i + 1] = x[i];
            }

            for (int i = 0; i < p; i++)
            {
                b[i] += row[i] * windows.TargetOf(k)[0];
                for (int j = 0; j < p; j++)
                {
                    a[i, j] += row[i] * row[j];
                }
            }
        }

        // A = L·Lᵀ; L·y = b; Lᵀ·β = y.
        var l = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        }

        var y = new double[p];
        for (int i = 0; i < p; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[i, k] * y[k];
            }

            y[i] = sum / l[i, i];
        }

        var beta = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < p; k++)
            {
                sum -= l[k, i] * beta[k];
            }

            beta[i] = sum / l[i, i];
        }

        return beta;
    }
}
