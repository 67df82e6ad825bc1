using System.Globalization;

namespace StaticNet;

public sealed partial class Dataset
{
    /// <summary>
    /// Sliding windows over a time series, as Keras's <c>timeseries_dataset_from_array</c>: window k starts at time step
    /// <c>startIndex + k·sequenceStride</c> and takes <paramref name="sequenceLength"/> steps <paramref name="samplingRate"/>
    /// apart; its target is the target of its first step. Each sample has the shape (sequenceLength, features), what an
    /// <c>[Input(steps, features)]</c> network reads.
    /// </summary>
    /// <param name="data">The series: time steps × <paramref name="featureCount"/> floats, row-major (one row per step).</param>
    /// <param name="featureCount">Features per time step.</param>
    /// <param name="targets">
    /// One target (of <paramref name="targetSize"/> floats) per time step, the same number of steps as
    /// <paramref name="data"/>; window k takes the target of the step it starts at. To forecast h steps past a window's
    /// end, as Keras's example does, pass <c>data</c> without its last L + h − 1 steps and <c>targets</c> from step
    /// L + h − 1 on (or use <paramref name="targetOffset"/>).
    /// </param>
    /// <param name="sequenceLength">Steps in each window.</param>
    /// <param name="sequenceStride">Steps between the starts of consecutive windows.</param>
    /// <param name="samplingRate">Steps between consecutive entries of a window (2 takes every other step).</param>
    /// <param name="startIndex">The first step used (inclusive).</param>
    /// <param name="endIndex">The step after the last one used (exclusive); null for the end of the series.</param>
    /// <param name="targetOffset">
    /// Steps from a window's start to its target: window k takes the target of step start + <paramref name="targetOffset"/>,
    /// and windows whose target would fall past the series are left out. 0 is Keras's behaviour; set it to
    /// <c>(sequenceLength − 1)·samplingRate + h</c> to forecast h steps past each window's last step.
    /// </param>
    /// <param name="targetSize">Floats per target.</param>
    /// <param name="classCount">For classification, the number of classes (targets are class indices).</param>
    /// <returns>One sample per window, in time order (shuffle when training, as <c>Fit</c> does by default).</returns>
    /// <exception cref="ArgumentException">
    /// The buffers do not hold whole steps, their step counts differ, a value is not finite (named by step and feature),
    /// or the range holds no window.
    /// </exception>
    public static Dataset FromSeries(
        float[] data,
        int featureCount,
        float[] targets,
        int sequenceLength,
        int sequenceStride = 1,
        int samplingRate = 1,
        int startIndex = 0,
        int? endIndex = null,
        int targetOffset = 0,
        int targetSize = 1,
        int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceStride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplingRate);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(targetOffset);
        if (data.Length % featureCount != 0)
        {
            throw new ArgumentException($"The series has {data.Length} floats, which is not a whole number of time steps of {featureCount} features.", nameof(data));
        }

        int steps = data.Length / featureCount;
        if (targets.Length != (long)steps * targetSize)
        {
            throw new ArgumentException($"The targets hold {targets.Length} floats, expected one target of {targetSize} per time step: {(long)steps * targetSize} ({steps} steps).", nameof(targets));
        }

        int end = endIndex ?? steps;
        if (end > steps || end <= startIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(endIndex), endIndex, $"endIndex must be after startIndex ({startIndex}) and at most the series' {steps} steps.");
        }

        int bad = Finite.IndexOfNonFinite(data);
        if (bad >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Time step {bad / featureCount}, feature {bad % featureCount} of the series is {data[bad]:R}: the series must hold finite numbers."),
                nameof(data));
        }

        // Keras: the windows that fit between startIndex and endIndex; here also those whose target is inside the series.
        long span = (long)(sequenceLength - 1) * samplingRate;
        long starts = Math.Min(end - startIndex - span, steps - startIndex - (long)targetOffset);
        if (starts <= 0)
        {
            throw new ArgumentException(
                $"Steps {startIndex} to {end} of the series hold no window of {sequenceLength} steps {samplingRate} apart{(targetOffset > 0 ? $" with a target {targetOffset} steps after its start" : string.Empty)}: a window spans {span + 1} steps.",
                nameof(sequenceLength));
        }

        int count = (int)((starts + sequenceStride - 1) / sequenceStride);
        long width = (long)sequenceLength * featureCount;
        if (width * count > Array.MaxLength)
        {
            throw new ArgumentException($"{count} windows of {sequenceLength} × {featureCount} values would hold {width * count} floats, more than an array can.", nameof(sequenceLength));
        }

        var features = new float[width * count];
        var windowTargets = new float[(long)count * targetSize];
        for (int k = 0; k < count; k++)
        {
            int start = startIndex + k * sequenceStride;
            for (int t = 0; t < sequenceLength; t++)
            {
                data.AsSpan((start + t * samplingRate) * featureCount, featureCount).CopyTo(features.AsSpan((int)(k * width) + t * featureCount));
            }

            targets.AsSpan((start + targetOffset) * targetSize, targetSize).CopyTo(windowTargets.AsSpan(k * targetSize));
        }

        return new Dataset(features, windowTargets, (int)width, targetSize, classCount, featureNames: null, sampleShape: [sequenceLength, featureCount]);
    }
}
