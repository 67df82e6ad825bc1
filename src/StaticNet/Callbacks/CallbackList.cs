namespace StaticNet;

/// <summary>
/// The callbacks of one <c>Fit</c> call, each hook run on every callback in order (Keras's <c>CallbackList</c>): the ones
/// given, then the progress logger that <c>verbose</c> asks for unless one was given.
/// </summary>
internal sealed class CallbackList
{
    private readonly List<Callback> _callbacks;

    public CallbackList(IReadOnlyList<Callback>? callbacks, TextWriter? log, int verbose)
    {
        _callbacks = new List<Callback>(callbacks ?? []);
        int missing = _callbacks.FindIndex(c => c is null);
        if (missing >= 0)
        {
            throw new ArgumentNullException(nameof(callbacks), $"callbacks[{missing}] is null.");
        }

        if (log is not null && verbose > 0 && !_callbacks.Exists(c => c is ProgbarLogger))
        {
            _callbacks.Add(new ProgbarLogger(log, interactive: verbose == 1 ? null : false));
        }
    }

    /// <summary>The log keys the callbacks add, in order, each once.</summary>
    public IEnumerable<string> AddedLogKeys => _callbacks.SelectMany(c => c.AddedLogKeys).Distinct(StringComparer.Ordinal);

    /// <summary>Whether there are any: without, <c>Fit</c> skips the batch hooks (a virtual call per batch and callback) and their results.</summary>
    public bool Any => _callbacks.Count > 0;

    public void Attach(TrainingContext context)
    {
        foreach (Callback callback in _callbacks)
        {
            callback.Attach(context);
        }
    }

    public void OnTrainBegin()
    {
        foreach (Callback callback in _callbacks)
        {
            callback.OnTrainBegin();
        }
    }

    public void OnTrainEnd(History history)
    {
        foreach (Callback callback in _callbacks)
        {
            callback.OnTrainEnd(history);
        }
    }

    public void OnEpochBegin(int epoch)
    {
        foreach (Callback callback in _callbacks)
        {
            callback.OnEpochBegin(epoch);
        }
    }

    public void OnEpochEnd(EpochResult result)
    {
        foreach (Callback callback in _callbacks)
        {
            callback.OnEpochEnd(result);
        }
    }

    public void OnBatchBegin(int batch)
    {
        foreach (Callback callback in _callbacks)
        {
            callback.OnBatchBegin(batch);
        }
    }

    public void OnBatchEnd(BatchResult result)
    {
        foreach (Callback callback in _callbacks)
        {
            callback.OnBatchEnd(result);
        }
    }
}
