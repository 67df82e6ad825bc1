namespace StaticNet;

/// <summary>
/// Hooks into <c>Fit</c>, as Keras's <c>keras.callbacks.Callback</c>: override the ones you need and pass instances in
/// <c>callbacks:</c>. Callbacks run in the order given, then the progress logger. Epochs and batches are numbered from 1, as
/// the log line shows them. <see cref="Context"/> gives the network, the optimizer, the log keys and
/// <see cref="TrainingContext.StopTraining"/>, Keras's <c>model.stop_training</c>.
/// </summary>
/// <remarks>
/// The batch hooks run on the training thread between steps: keep them cheap (the built-in callbacks override only the
/// epoch hooks, so they add nothing to a step). An instance can be reused by later <c>Fit</c> calls; its state starts over
/// at <see cref="OnTrainBegin"/>.
/// </remarks>
public abstract class Callback
{
    private TrainingContext? _context;

    /// <summary>The training run in progress; set before <see cref="OnTrainBegin"/>.</summary>
    /// <exception cref="InvalidOperationException">Read outside <c>Fit</c>.</exception>
    protected TrainingContext Context => _context ?? throw new InvalidOperationException($"{GetType().Name} is not attached to a Fit call.");

    internal void Attach(TrainingContext context) => _context = context;

    /// <summary>Log keys the callback adds to every epoch's logs (<c>learning_rate</c>), so that others can name them from the start.</summary>
    internal virtual IEnumerable<string> AddedLogKeys => [];

    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin()
    {
    }

    /// <summary>After the last epoch (or the one a callback stopped training at); not called when training fails.</summary>
    public virtual void OnTrainEnd(History history)
    {
    }

    /// <summary>Before epoch <paramref name="epoch"/> (1-based).</summary>
    public virtual void OnEpochBegin(int epoch)
    {
    }

    /// <summary>After epoch <paramref name="result"/>.Epoch, with its training and validation values.</summary>
    public virtual void OnEpochEnd(EpochResult result)
    {
    }

    /// <summary>Before batch <paramref name="batch"/> (1-based within the epoch).</summary>
    public virtual void OnBatchBegin(int batch)
    {
    }

    /// <summary>After a batch's optimizer step, with the epoch's running means so far.</summary>
    public virtual void OnBatchEnd(BatchResult result)
    {
    }
}

/// <summary>What a batch of <c>Fit</c> measured, as running means over the epoch so far (what Keras's progress bar shows).</summary>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="Batch">The 1-based batch within the epoch.</param>
/// <param name="Batches">The batches per epoch.</param>
/// <param name="Samples">Samples trained on so far this epoch.</param>
/// <param name="Loss">The mean loss over those samples.</param>
/// <param name="Accuracy">The mean accuracy over those samples, or null when the loss has none.</param>
public readonly record struct BatchResult(int Epoch, int Batch, int Batches, int Samples, double Loss, double? Accuracy);
