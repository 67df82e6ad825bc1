using System.Globalization;

namespace StaticNet;

/// <summary>
/// Stops training when a monitored value has stopped improving: Keras's <c>EarlyStopping</c>, with its semantics. Each
/// epoch from <paramref name="startFromEpoch"/> on, the value must beat the best so far by more than
/// <paramref name="minDelta"/> (and, with a <paramref name="baseline"/>, beat the baseline too) to reset the count; after
/// <paramref name="patience"/> epochs without, training stops. With <paramref name="restoreBestWeights"/> the network ends
/// with the weights (moving statistics included) of the best epoch, whether or not training stopped early.
/// </summary>
/// <param name="monitor">The log key watched.</param>
/// <param name="minDelta">The least change that counts as an improvement (its sign is ignored).</param>
/// <param name="patience">Epochs without improvement before stopping.</param>
/// <param name="mode">Whether the value should go down or up; automatic by default.</param>
/// <param name="baseline">A value to beat: until it is beaten, no epoch resets the count.</param>
/// <param name="restoreBestWeights">Whether to end with the best epoch's weights.</param>
/// <param name="startFromEpoch">Epochs of warm-up (0-based count, as Keras) before watching starts.</param>
/// <param name="verbose">Whether to log when it stops and restores.</param>
public sealed class EarlyStopping(
    string monitor = "val_loss",
    double minDelta = 0,
    int patience = 0,
    MonitorMode mode = MonitorMode.Auto,
    double? baseline = null,
    bool restoreBestWeights = false,
    int startFromEpoch = 0,
    bool verbose = false) : MonitorCallback(monitor, mode)
{
    private (float[] Trainable, float[] NonTrainable)? _bestWeights;
    private int _wait;

    /// <summary>The least change that counts as an improvement.</summary>
    public double MinDelta { get; } = double.IsFinite(minDelta) ? Math.Abs(minDelta) : throw InvariantErrors.OutOfRange(nameof(minDelta), minDelta, "minDelta must be finite.");

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must not be negative.");

    /// <summary>The value to beat, if any.</summary>
    public double? Baseline { get; } = baseline is null || double.IsFinite(baseline.Value)
        ? baseline
        : throw InvariantErrors.OutOfRange(nameof(baseline), baseline!.Value, "The baseline must be a finite number (or null for none): no value beats NaN, and every value beats an infinite one.");

    /// <summary>Whether training ends with the best epoch's weights.</summary>
    public bool RestoreBestWeights { get; } = restoreBestWeights;

    /// <summary>Epochs of warm-up before watching starts.</summary>
    public int StartFromEpoch { get; } = startFromEpoch >= 0 ? startFromEpoch : throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, "startFromEpoch must not be negative.");

    /// <summary>The best value seen in the last run.</summary>
    public double Best { get; private set; }

    /// <summary>The 1-based epoch of <see cref="Best"/> (0 if none was watched).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The 1-based epoch training stopped at, or 0 when it ran to the end.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        base.OnTrainBegin();
        _wait = 0;
        _bestWeights = null;
        Best = Worst;
        BestEpoch = 0;
        StoppedEpoch = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        int epochIndex = result.Epoch - 1; // Keras counts from 0 here
        if (Current(result) is not double current || epochIndex < StartFromEpoch)
        {
            return;
        }

        if (RestoreBestWeights && _bestWeights is null)
        {
            _bestWeights = Context.CopyWeights(); // until something beats it, this epoch is the best
            BestEpoch = result.Epoch;
        }

        _wait++;
        if (Improves(current, Best, MinDelta))
        {
            Best = current;
            BestEpoch = result.Epoch;
            if (RestoreBestWeights)
            {
                _bestWeights = Context.CopyWeights();
            }

            if (Baseline is not double b || Improves(current, b, MinDelta))
            {
                _wait = 0;
            }

            return;
        }

        if (_wait >= Patience && epochIndex > 0)
        {
            StoppedEpoch = result.Epoch;
            Context.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(History history)
    {
        if (StoppedEpoch > 0)
        {
            Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Epoch {StoppedEpoch}: early stopping"));
        }

        if (RestoreBestWeights && _bestWeights is { } weights)
        {
            Say(verbose, string.Create(CultureInfo.InvariantCulture, $"Restoring model weights from the end of the best epoch: {BestEpoch}."));
            Context.RestoreWeights(weights);
        }
    }
}
