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

    /// <summary>Between values: not a line break, a quote, a letter, a digit or another character values and keys are written with (any would split or join them).</summary>
    public char Separator { get; } = separator is '\n' or '\r' or '"' or '.' or '-' or '+' or '_' or '∞' || char.IsLetterOrDigit(separator) || char.IsControl(separator) && separator != '\t'
        ? throw new ArgumentException($"The separator {Shown(separator)} would be read as part of a value or a line: use ',', ';' or a tab.", nameof(separator))
        : separator;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">
    /// Appending to a file whose header names other columns than this run logs (its values would be lost under the wrong
    /// names), or the file cannot be written.
    /// </exception>
    public override void OnTrainBegin()
    {
        _keys = null;
        if (Context.LogKeys.FirstOrDefault(k => k.Contains(Separator, StringComparison.Ordinal)) is { } clash)
        {
            throw new InvalidOperationException($"The log key '{clash}' holds the CSV separator {Shown(Separator)}: pass another separator.");
        }

        bool hasHeader = append && File.Exists(Path) && new FileInfo(Path).Length > 0;
        if (!append)
        {
            File.WriteAllText(Path, string.Empty);
        }

        if (hasHeader)
        {
            using var reader = new StreamReader(Path);
            string header = reader.ReadLine() ?? string.Empty;
            string[] columns = header.Split(Separator);
            string[] keys = columns.Skip(1).ToArray();
            if (columns[0] != "epoch" || !(SameKeys(keys, Context.FitLogKeys) || SameKeys(keys, Context.LogKeys)))
            {
                throw new InvalidOperationException(
                    $"CSVLogger would append to {Path}, whose header is '{Cut(header)}', but this run logs epoch{Separator}{string.Join(Separator, Context.LogKeys.Order(StringComparer.Ordinal))}: write to another file, or pass append: false to replace it.");
            }

            _keys = keys;
        }
    }

    private static bool SameKeys(string[] header, IReadOnlyList<string> logged) =>
        header.Length == logged.Count && header.Order(StringComparer.Ordinal).SequenceEqual(logged.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Cut(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    private static string Shown(char c) => c switch
    {
        '\n' => "'\\n' (a line break)",
        '\r' => "'\\r' (a line break)",
        _ => $"'{c}'",
    };

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        var text = new StringBuilder();
        if (_keys is null)
        {
            // Every key the run will log, not only this epoch's: an epoch without validation (validationFreq) must not
            // leave the val_ columns out of the header, and their later values with them.
            _keys = Context.LogKeys.Union(result.Logs.Keys).Order(StringComparer.Ordinal).ToArray();
            text.Append("epoch");
            foreach (string key in _keys)
            {
                text.Append(Separator).Append(key);
            }

            text.Append('\n');
        }

        text.Append((result.Epoch - 1).ToString(CultureInfo.InvariantCulture));
        foreach (string key in _keys)
        {
            text.Append(Separator);
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
