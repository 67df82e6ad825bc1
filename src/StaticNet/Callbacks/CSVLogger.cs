using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>
/// Writes each epoch's logs to a CSV file: Keras's <c>CSVLogger</c>, in its format — a header <c>epoch</c> then the log
/// keys sorted by name, and one row per epoch with the 0-based epoch index and each value in round-trip form. Each row is
/// appended and flushed as the epoch ends, so a run that fails keeps every finished epoch.
/// </summary>
/// <param name="path">The file.</param>
/// <param name="separator">Between values.</param>
/// <param name="append">Whether to add to an existing file (no second header) instead of replacing it.</param>
public sealed class CSVLogger(string path, char separator = ',', bool append = false) : Callback
{
    private string[]? _keys;

    /// <summary>The file written.</summary>
    public string Path { get; } = !string.IsNullOrWhiteSpace(path) ? System.IO.Path.GetFullPath(path) : throw new ArgumentException("A path is needed.", nameof(path));

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _keys = null;
        bool hasHeader = append && File.Exists(Path) && new FileInfo(Path).Length > 0;
        if (!append)
        {
            File.WriteAllText(Path, string.Empty);
        }

        if (hasHeader)
        {
            using var reader = new StreamReader(Path);
            _keys = reader.ReadLine()?.Split(separator).Skip(1).ToArray();
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        var text = new StringBuilder();
        if (_keys is null)
        {
            _keys = result.Logs.Keys.Order(StringComparer.Ordinal).ToArray();
            text.Append("epoch");
            foreach (string key in _keys)
            {
                text.Append(separator).Append(key);
            }

            text.Append('\n');
        }

        text.Append((result.Epoch - 1).ToString(CultureInfo.InvariantCulture));
        foreach (string key in _keys)
        {
            text.Append(separator);
            if (result.Logs.TryGetValue(key, out double value))
            {
                text.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append("NA");
            }
        }

        text.Append('\n');
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
