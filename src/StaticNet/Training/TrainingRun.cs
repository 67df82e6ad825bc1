namespace StaticNet;

/// <summary>
/// One <c>Fit</c>'s epochs and steps, whatever feeds them (a <see cref="Dataset"/> shuffled each epoch, or a stream of
/// batches): the gradient buffer, the optimizer step, what a non-finite step is undone to, the metrics, the callbacks,
/// validation and the history. Made once per <c>Fit</c>; nothing here allocates per step or per epoch.
/// </summary>
internal sealed class TrainingRun
{
    private readonly INetwork _network;
    private readonly IOptimizer _optimizer;
    private readonly IReadOnlyList<Metric> _metrics;
    private readonly Dataset? _validationData;
    private readonly int _validationFreq;
    private readonly Action<EpochResult>? _onEpochEnd;
    private readonly CallbackList _hooks;
    private readonly bool _hasAccuracy;
    private readonly Generated.AlignedFloats _gradient; // on a cache line, as the parameters are: Adam and the kernel gradients stream it

    // What a non-finite step can be undone to (see RestoreAfterNonFinite): the parameters at the start of the epoch, and
    // the non-trainable ones (moving statistics, updated by the forward pass itself) before the current batch.
    private readonly float[] _epochStart;
    private readonly float[] _epochStartNonTrainable;
    private readonly float[] _batchStartNonTrainable;

    private TrainingWorkspace? _evaluationWorkspace; // made on the first validation, reused by the others
    private float[]? _evaluationPredictions;
    private int _epoch;
    private double _lossSum;
    private double _accuracySum;
    private int _batch;
    private int _seen;

    public TrainingRun(
        INetwork network, IOptimizer optimizer, int epochs, int batchesPerEpoch, int samplesPerEpoch, IReadOnlyList<Metric> metrics, Dataset? validationData,
        int validationFreq, Action<EpochResult>? onEpochEnd, IReadOnlyList<Callback>? callbacks, TextWriter? log, int verbose)
    {
        _network = network;
        _optimizer = optimizer;
        (optimizer as Optimizer)?.UseTensorsOf(network); // for ClipNorm, which clips each tensor
        _metrics = metrics;
        _validationData = validationData;
        _validationFreq = validationFreq;
        _onEpochEnd = onEpochEnd;
        _hasAccuracy = Accuracy.IsDefinedFor(network.Loss);
        _gradient = new Generated.AlignedFloats(network.ParameterCount);
        _epochStart = new float[network.ParameterCount];
        _epochStartNonTrainable = new float[network.NonTrainableParameterCount];
        _batchStartNonTrainable = new float[network.NonTrainableParameterCount];

        // As Keras, verbose 1 and 2 print to the console unless told where.
        log ??= verbose > 0 ? Console.Out : null;
        _hooks = new CallbackList(callbacks, log, verbose);
        Context = new TrainingContext(
            network, optimizer, epochs, batchesPerEpoch, samplesPerEpoch, LogKeys(_hasAccuracy, metrics, validationData is not null), [.. _hooks.AddedLogKeys], metrics, verbose > 0 ? log : null, History);
        _hooks.Attach(Context);
        History.Prepare(Context.FitLogKeys, trainingKeys: Context.FitLogKeys.Count / (validationData is null ? 1 : 2), epochs);
    }

    public TrainingContext Context { get; }

    public History History { get; } = new();

    /// <summary>Whether a callback asked to stop.</summary>
    public bool StopTraining => Context.StopTraining;

    public void Begin() => _hooks.OnTrainBegin();

    public void BeginEpoch(int epoch)
    {
        _epoch = epoch;
        _hooks.OnEpochBegin(epoch);
        _network.Parameters.CopyTo(_epochStart);
        _network.NonTrainableParameters.CopyTo(_epochStartNonTrainable);
        Metric.ResetAll(_metrics);
        (_lossSum, _accuracySum, _batch, _seen) = (0, 0, 0, 0);
    }

    /// <summary>
    /// One optimizer step on <paramref name="rows"/>[start..start+count) of the accumulator's data; false when a callback
    /// asked to stop.
    /// </summary>
    public bool Step(BatchAccumulator accumulator, int[] rows, int start, int count)
    {
        _batch++;
        if (_hooks.Any)
        {
            _hooks.OnBatchBegin(_batch);
        }

        _network.NonTrainableParameters.CopyTo(_batchStartNonTrainable);
        float batchLoss = accumulator.Accumulate(rows, start, count, _gradient, ref _accuracySum);
        if (!float.IsFinite(batchLoss))
        {
            throw RestoreAfterNonFinite(batchLoss);
        }

        _lossSum += batchLoss;
        _seen += count;
        _optimizer.Step(_network.Parameters, _gradient.Span, 1f / count);
        if (_metrics.Count > 0)
        {
            accumulator.Observe(_metrics);
        }

        if (_hooks.Any)
        {
            _hooks.OnBatchEnd(new BatchResult(_epoch, _batch, Context.BatchesPerEpoch, _seen, _lossSum / _seen, _hasAccuracy ? _accuracySum / _seen : null));
            return !Context.StopTraining;
        }

        return true;
    }

    /// <summary>Steps taken and samples seen in the current epoch.</summary>
    public (int Batches, int Samples) EpochSoFar => (_batch, _seen);

    /// <summary>
    /// Ends the epoch: checks the parameters, and unless it stopped part-way (<paramref name="complete"/> false, as Keras
    /// logs no partial epoch), logs it, validates, adds it to the history and tells the callbacks.
    /// </summary>
    public void EndEpoch(bool complete)
    {
        // A step can make parameters non-finite without the loss showing it yet (the last step of an epoch, or of Fit).
        if (!Finite.All(_network.Parameters))
        {
            throw RestoreAfterNonFinite(loss: 0f);
        }

        if (!complete)
        {
            return;
        }

        // Into the history's row, in the order of the keys it was prepared with: loss, accuracy, each metric, then the
        // validation's (which Evaluate reports in the same order). Nothing is allocated unless someone watches the epochs.
        Span<double> row = History.NextRow();
        int column = 0;
        row[column++] = _lossSum / _seen;
        if (_hasAccuracy)
        {
            row[column++] = _accuracySum / _seen;
        }

        for (int m = 0; m < _metrics.Count; m++)
        {
            row[column++] = _metrics[m].Result();
        }

        bool validated = _validationData is not null && _epoch % _validationFreq == 0;
        if (validated)
        {
            Evaluation validation = NetworkTraining.Evaluate(_network, _validationData!, _metrics, ref _evaluationWorkspace, ref _evaluationPredictions);
            foreach ((string key, double value) in validation.Metrics)
            {
                string expected = Context.FitLogKeys[column];
                if (expected.Length != key.Length + 4 || !expected.StartsWith("val_", StringComparison.Ordinal) || !expected.EndsWith(key, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Validation reported '{key}' where the history expected '{expected}'.");
                }

                row[column++] = value;
            }
        }

        History.Record(_epoch, validated);
        if (_hooks.Any || _onEpochEnd is not null)
        {
            EpochResult result = History.Result(History.Count - 1);
            _hooks.OnEpochEnd(result);
            _onEpochEnd?.Invoke(result);
        }
    }

    public History End()
    {
        _hooks.OnTrainEnd(History);
        return History;
    }

    /// <summary>The keys every epoch will log, in order, before callbacks add theirs.</summary>
    private static string[] LogKeys(bool hasAccuracy, IReadOnlyList<Metric> metrics, bool validation)
    {
        var keys = new List<string> { "loss" };
        if (hasAccuracy)
        {
            keys.Add("accuracy");
        }

        keys.AddRange(metrics.Select(m => m.Name));
        if (validation)
        {
            keys.AddRange(keys.ToArray().Select(k => "val_" + k));
        }

        return keys.ToArray();
    }

    /// <summary>
    /// Puts the network back to its last finite state after a non-finite loss or parameter, and makes the exception that
    /// says where it happened and what was restored. When the trainable parameters are still finite (the loss of this
    /// batch alone failed), they are the ones from before the failing step and stay; only the moving statistics this
    /// batch's forward pass updated go back. Otherwise an earlier step made them non-finite, and everything goes back to
    /// the start of the epoch. (The optimizer's own state is not restored: continue with a new optimizer.)
    /// </summary>
    private NonFiniteLossException RestoreAfterNonFinite(float loss)
    {
        if (!float.IsFinite(loss) && Finite.All(_network.Parameters) && Finite.All(_batchStartNonTrainable))
        {
            _batchStartNonTrainable.CopyTo(_network.NonTrainableParameters);
            return new NonFiniteLossException(_epoch, _batch, loss, restoredToEpochStart: false);
        }

        _epochStart.CopyTo(_network.Parameters);
        _epochStartNonTrainable.CopyTo(_network.NonTrainableParameters);
        return new NonFiniteLossException(_epoch, _batch, loss, restoredToEpochStart: true);
    }
}
