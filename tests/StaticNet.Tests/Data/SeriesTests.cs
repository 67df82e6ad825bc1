using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Data;

/// <summary>
/// <see cref="Dataset.FromSeries"/> against Keras's <c>timeseries_dataset_from_array</c>: the windows and targets of its
/// documented arithmetic (start positions <c>range(0, end − start − (L − 1)·rate, stride)</c>, each window's target the
/// target of its first step), the forecasting offset, the errors, and a 1-D convolution that learns to forecast from them.
/// </summary>
public class SeriesTests
{
    /// <summary>Steps 0..9 of one feature whose value is the step; targets ten times the step.</summary>
    private static (float[] Data, float[] Targets) Steps(int count = 10) =>
        (Enumerable.Range(0, count).Select(i => (float)i).ToArray(), Enumerable.Range(0, count).Select(i => 10f * i).ToArray());

    private static float[][] Windows(Dataset data) =>
        Enumerable.Range(0, data.Count).Select(i => data.FeaturesOf(i).ToArray()).ToArray();

    [Fact]
    public void Windows_follow_keras_stride_and_sampling_rate()
    {
        (float[] data, float[] targets) = Steps();
        Dataset windows = Dataset.FromSeries(data, 1, targets, sequenceLength: 3, sequenceStride: 2, samplingRate: 2);
        // Keras: num_seqs = 10 − 0 − (3 − 1)·2 = 6, start positions 0, 2, 4.
        Assert.Equal([[0f, 2f, 4f], [2f, 4f, 6f], [4f, 6f, 8f]], Windows(windows));
        Assert.Equal([0f, 20f, 40f], Enumerable.Range(0, windows.Count).Select(i => windows.TargetOf(i)[0]).ToArray());
        Assert.Equal([3, 1], windows.SampleShape);

        // Every step, stride 1: windows 0..7.
        Dataset dense = Dataset.FromSeries(data, 1, targets, sequenceLength: 3);
        Assert.Equal(8, dense.Count);
        Assert.Equal([7f, 8f, 9f], dense.FeaturesOf(7).ToArray());

        // startIndex and endIndex (exclusive): 9 − 1 − 4 = 4 positions, every second: windows at 1 and 3.
        Dataset ranged = Dataset.FromSeries(data, 1, targets, sequenceLength: 3, sequenceStride: 2, samplingRate: 2, startIndex: 1, endIndex: 9);
        Assert.Equal([[1f, 3f, 5f], [3f, 5f, 7f]], Windows(ranged));
        Assert.Equal(10f, ranged.TargetOf(0)[0]);
    }

    [Fact]
    public void A_target_offset_forecasts_past_the_window_and_drops_windows_without_a_target()
    {
        (float[] data, float[] targets) = Steps();
        // The step right after each window: offset (3 − 1)·1 + 1 = 3. Windows 0..6 (window 7's next step would be 10).
        Dataset next = Dataset.FromSeries(data, 1, targets, sequenceLength: 3, targetOffset: 3);
        Assert.Equal(7, next.Count);
        for (int k = 0; k < next.Count; k++)
        {
            Assert.Equal(next.FeaturesOf(k)[2] + 1f, next.TargetOf(k)[0] / 10f);
        }

        // The same as Keras's recipe: data without its last 3 steps, targets from step 3 on.
        Dataset keras = Dataset.FromSeries(data[..7], 1, targets[3..], sequenceLength: 3);
        Assert.Equal(Windows(keras), Windows(next)[..keras.Count]);
        Assert.Equal(
            Enumerable.Range(0, keras.Count).Select(i => keras.TargetOf(i)[0]),
            Enumerable.Range(0, keras.Count).Select(i => next.TargetOf(i)[0]));
    }

    [Fact]
    public void Several_features_per_step_keep_their_order_and_the_targets_their_width()
    {
        // Two features per step (step, −step) and two-float targets.
        float[] data = Enumerable.Range(0, 6).SelectMany(i => new[] { (float)i, -i }).ToArray();
        float[] targets = Enumerable.Range(0, 6).SelectMany(i => new[] { 100f + i, 200f + i }).ToArray();
        Dataset windows = Dataset.FromSeries(data, 2, targets, sequenceLength: 2, sequenceStride: 3, targetSize: 2);
        Assert.Equal(2, windows.Count); // positions 0 and 3 of 0..4
        Assert.Equal([3f, -3f, 4f, -4f], windows.FeaturesOf(1).ToArray());
        Assert.Equal([103f, 203f], windows.TargetOf(1).ToArray());
        Assert.Equal(4, windows.FeatureCount);
    }

    [Fact]
    public void Bad_series_are_named_by_step_and_feature()
    {
        (float[] data, float[] targets) = Steps();
        data[7] = float.NaN;
        Assert.Contains("Time step 7, feature 0", Assert.Throws<ArgumentException>(() => Dataset.FromSeries(data, 1, targets, 3)).Message, StringComparison.Ordinal);

        (data, targets) = Steps();
        Assert.Contains("one target of 1 per time step", Assert.Throws<ArgumentException>(() => Dataset.FromSeries(data, 1, targets[..9], 3)).Message, StringComparison.Ordinal);
        Assert.Contains("not a whole number of time steps", Assert.Throws<ArgumentException>(() => Dataset.FromSeries(data, 3, targets, 3)).Message, StringComparison.Ordinal);
        Assert.Contains("hold no window", Assert.Throws<ArgumentException>(() => Dataset.FromSeries(data, 1, targets, sequenceLength: 6, samplingRate: 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromSeries(data, 1, targets, 3, sequenceStride: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromSeries(data, 1, targets, 3, startIndex: 5, endIndex: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromSeries(data, 1, targets, 3, endIndex: 11));
    }

    [Fact]
    public void A_convolution_learns_to_forecast_the_next_step_better_than_repeating_the_last()
    {
        // Three noisy sinusoids; forecast the first two one step past each 11-step window (Conv1DNet: (11, 3) → 2).
        var random = new SeededRandom(11);
        const int steps = 1200;
        var data = new float[steps * 3];
        for (int t = 0; t < steps; t++)
        {
            data[t * 3] = MathF.Sin(t * 0.3f) + 0.05f * (random.NextSingle() - 0.5f);
            data[t * 3 + 1] = MathF.Cos(t * 0.17f) + 0.05f * (random.NextSingle() - 0.5f);
            data[t * 3 + 2] = MathF.Sin(t * 0.05f);
        }

        float[] targets = Enumerable.Range(0, steps).SelectMany(t => new[] { data[t * 3], data[t * 3 + 1] }).ToArray();
        Dataset train = Dataset.FromSeries(data, 3, targets, sequenceLength: 11, targetOffset: 11, endIndex: 900, targetSize: 2);
        Dataset test = Dataset.FromSeries(data, 3, targets, sequenceLength: 11, targetOffset: 11, startIndex: 900, targetSize: 2);

        var network = new Conv1DNet(seed: 2);
        network.Fit(train, epochs: 40, batchSize: 32, optimizer: new Adam(0.01f), seed: 3, verbose: 0);
        double mse = network.Evaluate(test).Loss;

        // The naive forecast: each window's last step.
        double naive = 0;
        for (int k = 0; k < test.Count; k++)
        {
            ReadOnlySpan<float> window = test.FeaturesOf(k);
            ReadOnlySpan<float> target = test.TargetOf(k);
            naive += (Math.Pow(window[30] - target[0], 2) + Math.Pow(window[31] - target[1], 2)) / 2;
        }

        naive /= test.Count;
        Assert.True(mse < naive / 2, $"network {mse:G4}, naive {naive:G4}");
    }
}
