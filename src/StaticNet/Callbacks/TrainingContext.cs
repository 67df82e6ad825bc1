namespace StaticNet;

/// <summary>What a <see cref="Callback"/> sees of the training run: Keras's <c>self.model</c> and <c>self.params</c>.</summary>
public sealed class TrainingContext
{
    private readonly IReadOnlyList<Metric> _metrics;

    internal TrainingContext(INetwork network, IOptimizer optimizer, int epochs, int batchesPerEpoch, int samples, IReadOnlyList<string> logKeys, IReadOnlyList<string> addedLogKeys, IReadOnlyList<Metric> metrics, TextWriter? log, History history)
    {
        FitLogKeys = logKeys;
        logKeys = [.. logKeys, .. addedLogKeys.Where(k => !logKeys.Contains(k))];
        Network = network;
        Optimizer = optimizer;
        Epochs = epochs;
        BatchesPerEpoch = batchesPerEpoch;
        Samples = samples;
        LogKeys = logKeys;
        _metrics = metrics;
        Log = log;
        History = history;
    }

    /// <summary>The network being trained; its parameters change in place.</summary>
    public INetwork Network { get; }

    /// <summary>The optimizer; callbacks may set its <see cref="IOptimizer.LearningRate"/> between epochs.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The number of epochs asked for.</summary>
    public int Epochs { get; }

    /// <summary>
    /// Optimizer steps per epoch; 0 while unknown (the first epoch of a stream of batches that does not say how many it
    /// holds: known from its end on).
    /// </summary>
    public int BatchesPerEpoch { get; internal set; }

    /// <summary>Training samples per epoch; 0 while unknown (as <see cref="BatchesPerEpoch"/>).</summary>
    public int Samples { get; internal set; }

    /// <summary>
    /// The keys every epoch's logs will hold: <c>loss</c>, <c>accuracy</c>, metrics, <c>val_</c>…, then those callbacks add
    /// (<c>learning_rate</c>).
    /// </summary>
    public IReadOnlyList<string> LogKeys { get; }

    /// <summary>The keys <c>Fit</c> itself logs, before any callback adds its own.</summary>
    internal IReadOnlyList<string> FitLogKeys { get; }

    /// <summary>Where <c>Fit</c> logs (null when silent): callbacks with <c>verbose</c> write their messages here.</summary>
    public TextWriter? Log { get; }

    /// <summary>Writes a line to <see cref="Log"/>, if any, after ending a progress bar drawn in place.</summary>
    public void WriteLine(string message)
    {
        if (Log is null)
        {
            return;
        }

        if (LineOpen)
        {
            Log.WriteLine();
            LineOpen = false;
        }

        Log.WriteLine(message);
    }

    /// <summary>Whether a progress bar is drawn on the current line of <see cref="Log"/> (set by <see cref="ProgbarLogger"/>).</summary>
    internal bool LineOpen { get; set; }

    /// <summary>The epochs so far.</summary>
    public History History { get; }

    /// <summary>Set to stop training after the current batch (Keras's <c>model.stop_training</c>); the epoch is then not finished.</summary>
    public bool StopTraining { get; set; }

    /// <summary>
    /// Whether a larger value of log <paramref name="key"/> is better: no for losses, yes for accuracy, and each metric's own
    /// direction (with or without <c>val_</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The direction of <paramref name="key"/> is unknown: pass a mode.</exception>
    public bool IsHigherBetter(string key) =>
        Metric.IsHigherBetter(key, _metrics)
        ?? throw new InvalidOperationException($"Whether '{key}' should go up or down is not known: pass mode: MonitorMode.Min or MonitorMode.Max.");

    /// <summary>Copies of the trainable and non-trainable parameters (Keras's <c>get_weights</c>).</summary>
    internal (float[] Trainable, float[] NonTrainable) CopyWeights() => (Network.Parameters.ToArray(), Network.NonTrainableParameters.ToArray());

    /// <summary>Puts back weights from <see cref="CopyWeights"/> (Keras's <c>set_weights</c>).</summary>
    internal void RestoreWeights((float[] Trainable, float[] NonTrainable) weights)
    {
        weights.Trainable.CopyTo(Network.Parameters);
        weights.NonTrainable.CopyTo(Network.NonTrainableParameters);
    }
}
