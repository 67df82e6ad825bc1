namespace StaticNet;

/// <summary>
/// What <c>Fit</c> returns: one <see cref="EpochResult"/> per epoch run, and each value as a series under its Keras name
/// (<c>history["val_loss"]</c>, as Keras's <c>history.history["val_loss"]</c>), for learning curves and model selection.
/// </summary>
public sealed class History : IReadOnlyList<EpochResult>
{
    // Fit records an epoch without allocating: its values go into a row of a table made when Fit starts (a column per key
    // it logs), and its EpochResult is made the first time someone asks for it (a callback as the epoch ends, or a reader
    // of the history) and kept, so the same epoch is always the same object.
    private string[] _keys = [];
    private int _trainingKeys;
    private double[] _values = [];
    private bool[] _validated = [];
    private int[] _epochNumbers = [];
    private int _epochsAsked;
    private EpochResult?[] _results = [];
    private int _count;

    /// <summary>The result of epoch <paramref name="index"/> + 1.</summary>
    public EpochResult this[int index] => (uint)index < (uint)_count ? Result(index) : throw new ArgumentOutOfRangeException(nameof(index), index, $"The history has {_count} epochs.");

    /// <summary>The number of epochs run (fewer than asked for when a callback stopped training).</summary>
    public int Count => _count;

    private IEnumerable<EpochResult> Results
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return Result(i);
            }
        }
    }

    /// <summary>The names of the series, in the order the log line shows them.</summary>
    public IReadOnlyList<string> Keys => Results.SelectMany(e => e.Logs.Keys).Distinct().ToArray();

    /// <summary>The 1-based epoch numbers (Keras's <c>history.epoch</c> counts from 0).</summary>
    public IReadOnlyList<int> Epochs => _epochNumbers.AsSpan(0, _count).ToArray();

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

            return Results.Select(e => e.Logs.TryGetValue(key, out double value) ? value : double.NaN).ToArray();
        }
    }

    /// <summary>Whether some epoch has a value named <paramref name="key"/>.</summary>
    public bool Contains(string key) => Results.Any(e => e.Logs.ContainsKey(key));

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

        return Result(best);
    }

    /// <summary>
    /// Makes the table for a <c>Fit</c> of <paramref name="epochs"/> epochs that logs <paramref name="keys"/> (the first
    /// <paramref name="trainingKeys"/> every epoch, the rest, <c>val_</c> ones, in the epochs that validate).
    /// </summary>
    internal void Prepare(IReadOnlyList<string> keys, int trainingKeys, int epochs)
    {
        _keys = [.. keys];
        _trainingKeys = trainingKeys;
        _epochsAsked = epochs;
        Grow(Math.Max(epochs, 1));
    }

    /// <summary>The row of the epoch being recorded: the values of the keys <see cref="Prepare"/> was given, in order.</summary>
    internal Span<double> NextRow()
    {
        if (_count == _epochNumbers.Length)
        {
            Grow(Math.Max(2 * _count, 4));
        }

        return _values.AsSpan(_count * _keys.Length, _keys.Length);
    }

    /// <summary>Adds the epoch whose values <see cref="NextRow"/> holds.</summary>
    internal void Record(int epoch, bool validated)
    {
        _epochNumbers[_count] = epoch;
        _validated[_count] = validated;
        _results[_count] = null;
        _count++;
    }

    /// <summary>The result of the epoch at <paramref name="index"/>, made from its row the first time and kept.</summary>
    internal EpochResult Result(int index)
    {
        if (_results[index] is EpochResult made)
        {
            return made;
        }

        var logs = new EpochLogs();
        int columns = _validated[index] ? _keys.Length : _trainingKeys;
        for (int k = 0; k < columns; k++)
        {
            logs.Set(_keys[k], _values[(index * _keys.Length) + k]);
        }

        return _results[index] = new EpochResult(_epochNumbers[index], _epochsAsked, logs);
    }

    private void Grow(int epochs)
    {
        Array.Resize(ref _values, epochs * _keys.Length);
        Array.Resize(ref _validated, epochs);
        Array.Resize(ref _epochNumbers, epochs);
        Array.Resize(ref _results, epochs);
    }

    /// <inheritdoc/>
    public IEnumerator<EpochResult> GetEnumerator() => Results.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
