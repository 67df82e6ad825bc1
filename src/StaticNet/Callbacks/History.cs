namespace StaticNet;

/// <summary>
/// What <c>Fit</c> returns: one <see cref="EpochResult"/> per epoch run, and each value as a series under its Keras name
/// (<c>history["val_loss"]</c>, as Keras's <c>history.history["val_loss"]</c>), for learning curves and model selection.
/// </summary>
public sealed class History : IReadOnlyList<EpochResult>
{
    private readonly List<EpochResult> _epochs = [];

    /// <summary>The result of epoch <paramref name="index"/> + 1.</summary>
    public EpochResult this[int index] => _epochs[index];

    /// <summary>The number of epochs run (fewer than asked for when a callback stopped training).</summary>
    public int Count => _epochs.Count;

    /// <summary>The names of the series, in the order the log line shows them.</summary>
    public IReadOnlyList<string> Keys => _epochs.SelectMany(e => e.Logs.Keys).Distinct().ToArray();

    /// <summary>The 1-based epoch numbers (Keras's <c>history.epoch</c> counts from 0).</summary>
    public IReadOnlyList<int> Epochs => _epochs.Select(e => e.Epoch).ToArray();

    /// <summary>
    /// The series named <paramref name="key"/>, one value per epoch (NaN for an epoch without it, e.g. before a callback
    /// started adding it).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No epoch has the key; the message lists those there are.</exception>
    public IReadOnlyList<double> this[string key]
    {
        get
        {
            if (!Contains(key))
            {
                throw new KeyNotFoundException($"The history has no series named '{key}'; it has {string.Join(", ", Keys)}.");
            }

            return _epochs.Select(e => e.Logs.TryGetValue(key, out double value) ? value : double.NaN).ToArray();
        }
    }

    /// <summary>Whether some epoch has a value named <paramref name="key"/>.</summary>
    public bool Contains(string key) => _epochs.Exists(e => e.Logs.ContainsKey(key));

    /// <summary>Every series by name, as Keras's <c>history.history</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Series => Keys.ToDictionary(k => k, k => this[k]);

    /// <summary>The epoch result with the best value of <paramref name="key"/> (lowest, or highest when <paramref name="higherIsBetter"/>; the first on ties).</summary>
    public EpochResult Best(string key, bool higherIsBetter = false)
    {
        IReadOnlyList<double> series = this[key];
        int best = 0;
        for (int i = 1; i < series.Count; i++)
        {
            // An epoch without the value (NaN: no validation that epoch) is never the best.
            if (!double.IsNaN(series[i]) && (double.IsNaN(series[best]) || (higherIsBetter ? series[i] > series[best] : series[i] < series[best])))
            {
                best = i;
            }
        }

        return _epochs[best];
    }

    internal void Add(EpochResult result) => _epochs.Add(result);

    /// <inheritdoc/>
    public IEnumerator<EpochResult> GetEnumerator() => _epochs.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
