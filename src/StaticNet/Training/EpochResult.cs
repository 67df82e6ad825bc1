using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>What one epoch of <c>Fit</c> measured.</summary>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="Epochs">The number of epochs asked for.</param>
/// <param name="Loss">The mean training loss over the epoch's samples (as the model changed during the epoch, as Keras reports it; weighted when <c>Fit</c> had sample or class weights).</param>
/// <param name="Accuracy">The mean training accuracy over the epoch, or null when the loss has none.</param>
/// <param name="ValidationLoss">The loss on the validation data after the epoch, if any.</param>
/// <param name="ValidationAccuracy">The accuracy on the validation data after the epoch, if any.</param>
public sealed record EpochResult(int Epoch, int Epochs, double Loss, double? Accuracy, double? ValidationLoss, double? ValidationAccuracy)
{
    private EpochLogs? _logs;

    /// <summary>
    /// Every value of the epoch under its Keras name, in the order Keras's log line shows them: <c>loss</c>,
    /// <c>accuracy</c>, each metric, then <c>val_loss</c>, <c>val_accuracy</c> and each <c>val_</c> metric; callbacks that
    /// change the learning rate add <c>learning_rate</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> Logs => _logs ??= EpochLogs.From(this);

    /// <summary>The value named <paramref name="key"/> (<c>loss</c>, <c>val_auc</c>, …).</summary>
    /// <exception cref="KeyNotFoundException">No such value this epoch; the message lists those there are.</exception>
    public double this[string key] => Logs.TryGetValue(key, out double value)
        ? value
        : throw new KeyNotFoundException($"Epoch {Epoch} has no value named '{key}'; it has {string.Join(", ", Logs.Keys)}.");

    /// <summary>Equal when every value, logs included, is equal.</summary>
    public bool Equals(EpochResult? other) =>
        other is not null && Epoch == other.Epoch && Epochs == other.Epochs && Loss.Equals(other.Loss) && Accuracy.Equals(other.Accuracy)
        && ValidationLoss.Equals(other.ValidationLoss) && ValidationAccuracy.Equals(other.ValidationAccuracy) && Logs.SequenceEqual(other.Logs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Epoch, Epochs, Loss, Accuracy, ValidationLoss, ValidationAccuracy);

    /// <summary>Made by <c>Fit</c> with the epoch's metrics.</summary>
    internal EpochResult(int epoch, int epochs, EpochLogs logs)
        : this(epoch, epochs, logs["loss"], logs.Find("accuracy"), logs.Find("val_loss"), logs.Find("val_accuracy")) => _logs = logs;

    /// <summary>Adds a value to the logs (a callback's, such as the learning rate).</summary>
    internal void Add(string key, double value) => ((EpochLogs)Logs).Set(key, value);

    /// <summary>The Keras-style log line, e.g. <c>Epoch 7/100 - loss: 0.4213 - accuracy: 0.8750 - val_loss: 0.5012</c>.</summary>
    public override string ToString() => $"Epoch {Epoch.ToString(CultureInfo.InvariantCulture)}/{Epochs.ToString(CultureInfo.InvariantCulture)} - {FormatLogs(Logs)}";

    /// <summary><c>name: value</c> pairs joined by <c> - </c>, four decimals (learning rates in general format, which keeps 1e-05 readable).</summary>
    internal static string FormatLogs(IEnumerable<KeyValuePair<string, double>> logs)
    {
        var line = new StringBuilder();
        foreach ((string key, double value) in logs)
        {
            if (line.Length > 0)
            {
                line.Append(" - ");
            }

            string text = key == "learning_rate" ? value.ToString("G4", CultureInfo.InvariantCulture) : value.ToString("F4", CultureInfo.InvariantCulture);
            line.Append(key).Append(": ").Append(text);
        }

        return line.ToString();
    }
}

/// <summary>The loss and accuracy of a network on a dataset, and any metrics asked for.</summary>
/// <param name="Loss">The mean loss over the samples.</param>
/// <param name="Accuracy">The mean accuracy, or null when the loss has none.</param>
public readonly record struct Evaluation(double Loss, double? Accuracy)
{
    private readonly IReadOnlyDictionary<string, double>? _metrics;

    /// <summary>Every value under its Keras name: <c>loss</c>, <c>accuracy</c> where the loss has one, then each metric's name.</summary>
    public IReadOnlyDictionary<string, double> Metrics
    {
        get => _metrics ?? Basic();
        init => _metrics = value;
    }

    /// <summary>The value named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such value; the message lists those there are.</exception>
    public double this[string key] => Metrics.TryGetValue(key, out double value)
        ? value
        : throw new KeyNotFoundException($"The evaluation has no value named '{key}'; it has {string.Join(", ", Metrics.Keys)}.");

    private EpochLogs Basic() => EpochLogs.Of(Loss, Accuracy, []);

    /// <summary>Every value, as Keras's log line shows them: <c>loss: 0.0512 - accuracy: 0.9667 - f1_score: 0.9665</c>.</summary>
    public override string ToString() => EpochResult.FormatLogs(Metrics);
}

/// <summary>An ordered name → value map (Keras's <c>logs</c>): few keys, so a list is faster than hashing and keeps the order.</summary>
internal sealed class EpochLogs : IReadOnlyDictionary<string, double>
{
    private readonly List<KeyValuePair<string, double>> _entries = new(capacity: 4); // loss, accuracy, val_loss, val_accuracy

    /// <summary><c>loss</c>, <c>accuracy</c> where there is one, then each metric's result under its name.</summary>
    public static EpochLogs Of(double loss, double? accuracy, IReadOnlyList<Metric> metrics)
    {
        var logs = new EpochLogs();
        logs.Set("loss", loss);
        logs.SetIf("accuracy", accuracy);
        for (int m = 0; m < metrics.Count; m++)
        {
            logs.Set(metrics[m].Name, metrics[m].Result());
        }

        return logs;
    }

    public static EpochLogs From(EpochResult result)
    {
        EpochLogs logs = Of(result.Loss, result.Accuracy, []);
        logs.SetIf("val_loss", result.ValidationLoss);
        logs.SetIf("val_accuracy", result.ValidationAccuracy);
        return logs;
    }

    public void Set(string key, double value)
    {
        int index = IndexOf(key);
        if (index >= 0)
        {
            _entries[index] = new(key, value);
        }
        else
        {
            _entries.Add(new(key, value));
        }
    }

    public void SetIf(string key, double? value)
    {
        if (value is double v)
        {
            Set(key, v);
        }
    }

    public double? Find(string key) => TryGetValue(key, out double value) ? value : null;

    public double this[string key] => TryGetValue(key, out double value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<double> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Count;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out double value)
    {
        int index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : 0;
        return index >= 0;
    }

    /// <summary>Where <paramref name="key"/> is, or −1: a loop, where a predicate would allocate a closure per lookup (Fit looks up several keys an epoch).</summary>
    private int IndexOf(string key)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => _entries.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
