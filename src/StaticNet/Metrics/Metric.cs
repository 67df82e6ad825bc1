namespace StaticNet;

/// <summary>
/// A metric that <c>Fit</c> and <c>Evaluate</c> report beside the loss, as Keras's <c>compile(metrics=[…])</c>: pass
/// instances in <c>metrics:</c>. Each is a running state: reset at the start of an epoch (and of each evaluation), updated
/// with every batch's outputs and targets, and read at the end. In training it therefore reports the epoch's batches as the
/// model changed, as Keras does; on validation data, the model at the end of the epoch. Its <see cref="Name"/> is the
/// History key, and <c>val_</c> + the name on validation data.
/// </summary>
/// <remarks>Accuracy is not among these: every classification loss reports it.</remarks>
public abstract class Metric
{
    private readonly string? _name;

    /// <param name="name">The History key; null for the metric's Keras name.</param>
    protected Metric(string? name) => _name = name;

    /// <summary>The History key: the name given, or the Keras name (<c>precision</c>, <c>auc</c>, <c>r2_score</c>, …).</summary>
    public string Name => _name ?? DefaultName;

    /// <summary>Keras's name for the metric.</summary>
    protected abstract string DefaultName { get; }

    /// <summary>Whether larger is better (how <see cref="EarlyStopping"/> and its kin read it in their automatic mode).</summary>
    public abstract bool HigherIsBetter { get; }

    /// <summary>The loss the metric was bound to; valid after <see cref="Bind"/>.</summary>
    protected Loss Loss { get; private set; }

    /// <summary>The network's outputs per sample; valid after <see cref="Bind"/>.</summary>
    protected int Outputs { get; private set; }

    /// <summary>
    /// Called once before training or evaluating a network with <paramref name="loss"/> and <paramref name="outputs"/>
    /// outputs; throws <see cref="InvalidOperationException"/>, before any work, when the metric does not apply (precision
    /// of a regression). Overrides call the base first.
    /// </summary>
    protected internal virtual void Bind(Loss loss, int outputs)
    {
        Loss = loss;
        Outputs = outputs;
    }

    /// <summary>Forgets everything counted.</summary>
    public abstract void Reset();

    /// <summary>Counts <paramref name="count"/> samples: their outputs (rows of <see cref="Outputs"/>) and targets (rows of the loss's target size).</summary>
    public abstract void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int count);

    /// <summary>The metric over everything counted since the last <see cref="Reset"/>.</summary>
    public abstract double Result();

    /// <summary>Resets every metric of a list (indexed: an interface <c>foreach</c> would allocate an enumerator per call).</summary>
    internal static void ResetAll(IReadOnlyList<Metric> metrics)
    {
        for (int m = 0; m < metrics.Count; m++)
        {
            metrics[m].Reset();
        }
    }

    /// <summary>
    /// Whether a larger value of log <paramref name="key"/> is better: no for losses, yes for accuracy, and each metric's own
    /// direction (with or without <c>val_</c>); null when the key is none of these.
    /// </summary>
    internal static bool? IsHigherBetter(string key, IReadOnlyList<Metric> metrics)
    {
        string name = key.StartsWith("val_", StringComparison.Ordinal) ? key["val_".Length..] : key;
        if (name == "loss")
        {
            return false;
        }

        if (name == "accuracy")
        {
            return true;
        }

        for (int m = 0; m < metrics.Count; m++)
        {
            if (metrics[m].Name == name)
            {
                return metrics[m].HigherIsBetter;
            }
        }

        return null;
    }

    /// <summary>The class decisions of the bound loss, or a clear refusal for a regression.</summary>
    private protected ClassLabels ClassLabelsFor(Loss loss, int outputs) =>
        Accuracy.IsDefinedFor(loss)
            ? ClassLabels.For(loss, outputs)
            : throw new InvalidOperationException($"The metric {Name} needs a classification loss, but the network is trained with {loss}.");
}
