namespace StaticNet;

/// <summary>Whether a monitored value should go down or up (Keras's <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>From the name: down for losses and errors, up for accuracy, AUC, precision, recall, F1 and R².</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}

/// <summary>The part of <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/> and <see cref="ReduceLROnPlateau"/> that watches one log value.</summary>
public abstract class MonitorCallback : Callback
{
    private protected MonitorCallback(string monitor, MonitorMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode.");
        }

        Monitor = monitor;
        Mode = mode;
    }

    /// <summary>The log key watched (<c>val_loss</c>, <c>val_auc</c>, …).</summary>
    public string Monitor { get; }

    /// <summary>Whether the value should go down or up.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether higher is better, resolved at <see cref="OnTrainBegin"/>.</summary>
    private protected bool HigherIsBetter { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The monitored key is not among the epoch's logs (the message lists those there are), or its direction is unknown.</exception>
    public override void OnTrainBegin()
    {
        if (!Context.LogKeys.Contains(Monitor))
        {
            string hint = Monitor.StartsWith("val_", StringComparison.Ordinal) ? " (validation values need validationData or validationSplit)" : string.Empty;
            throw new InvalidOperationException(
                $"{GetType().Name} monitors '{Monitor}', but the epochs will log only {string.Join(", ", Context.LogKeys)}{hint}.");
        }

        HigherIsBetter = Mode switch
        {
            MonitorMode.Min => false,
            MonitorMode.Max => true,
            _ => Context.IsHigherBetter(Monitor),
        };
    }

    /// <summary>
    /// The monitored value of the epoch, or null on an epoch that does not log it (no validation that epoch, with
    /// <c>validationFreq</c> above 1): as Keras, such an epoch is skipped.
    /// </summary>
    private protected double? Current(EpochResult result) => result.Logs.TryGetValue(Monitor, out double value) ? value : null;

    /// <summary>The worst possible value, for a best-so-far that any value beats.</summary>
    private protected double Worst => HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Whether <paramref name="value"/> beats <paramref name="reference"/> by more than <paramref name="minDelta"/>.</summary>
    private protected bool Improves(double value, double reference, double minDelta) =>
        HigherIsBetter ? value - minDelta > reference : value + minDelta < reference;

    /// <summary>Writes a message to <c>Fit</c>'s log when <paramref name="verbose"/>.</summary>
    private protected void Say(bool verbose, string message)
    {
        if (verbose)
        {
            Context.WriteLine(message);
        }
    }
}
