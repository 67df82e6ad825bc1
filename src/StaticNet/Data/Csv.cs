using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>
/// Reads delimited numeric data into a <see cref="Dataset"/>: an optional header row, float features, and one label
/// column chosen by name or index. Quoting follows RFC 4180 (a quoted cell may hold delimiters, doubled quotes and line
/// breaks); the delimiter is <c>,</c>, <c>;</c> or tab, detected from the first row unless given; named columns (IDs,
/// free text) can be ignored. Every cell is checked; the first bad one stops the load with a
/// <see cref="CsvFormatException"/> naming the file, line, column and cell. Blank lines are skipped. Messages are the
/// same in every culture.
/// </summary>
public static class Csv
{
    /// <summary>The delimiters <see cref="Csv"/> detects, in order of preference when the first row has as many of each.</summary>
    private static readonly char[] Delimiters = [',', ';', '\t'];

    /// <summary>Loads <paramref name="path"/>, whose header names the label column <paramref name="labelColumn"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The header name of the label (target) column.</param>
    /// <param name="classCount">For classification, the number of classes: labels must then be whole numbers in 0..classCount−1.</param>
    /// <param name="delimiter">The cell delimiter; null detects <c>,</c>, <c>;</c> or tab from the first row.</param>
    /// <param name="ignoreColumns">Header names of columns to skip (identifiers, free text).</param>
    /// <remarks>
    /// The file is streamed, twice: once to count the rows, once to parse them into arrays of their final size. What the
    /// load holds at its peak is the dataset's floats and a buffer of 64 K characters, whatever the file's size.
    /// </remarks>
    public static Dataset Load(string path, string labelColumn, int? classCount = null, char? delimiter = null, IEnumerable<string>? ignoreColumns = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Read(OpenFile(path), path, LabelSelector.ByName(labelColumn), classCount, hasHeader: true, delimiter, ignoreColumns);
    }

    /// <summary>Loads <paramref name="path"/>, taking the label from column <paramref name="labelColumn"/> (0-based; −1 is the last column).</summary>
    /// <inheritdoc cref="Load(string, string, int?, char?, IEnumerable{string}?)" path="/remarks"/>
    public static Dataset Load(string path, int labelColumn, int? classCount = null, bool hasHeader = true, char? delimiter = null, IEnumerable<string>? ignoreColumns = null) =>
        Read(OpenFile(path), path, LabelSelector.ByIndex(labelColumn), classCount, hasHeader, delimiter, ignoreColumns);

    /// <summary>
    /// Reads CSV text; <paramref name="sourceName"/> names it in error messages. The reader is read to its end once and the
    /// text parsed from memory (a reader cannot be read twice); for a large file, <see cref="Load(string, string, int?, char?, IEnumerable{string}?)"/> streams it.
    /// </summary>
    public static Dataset Parse(TextReader reader, string sourceName, string labelColumn, int? classCount = null, char? delimiter = null, IEnumerable<string>? ignoreColumns = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(labelColumn);
        string text = reader.ReadToEnd();
        return Read(() => new StringReader(text), sourceName, LabelSelector.ByName(labelColumn), classCount, hasHeader: true, delimiter, ignoreColumns);
    }

    /// <inheritdoc cref="Parse(TextReader, string, string, int?, char?, IEnumerable{string}?)"/>
    public static Dataset Parse(TextReader reader, string sourceName, int labelColumn, int? classCount = null, bool hasHeader = true, char? delimiter = null, IEnumerable<string>? ignoreColumns = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string text = reader.ReadToEnd();
        return Read(() => new StringReader(text), sourceName, LabelSelector.ByIndex(labelColumn), classCount, hasHeader, delimiter, ignoreColumns);
    }

    /// <summary>
    /// Opens the file for each pass, detecting its encoding from a byte-order mark (UTF-8 without one), with a message of its
    /// own for each way a path can fail to be a readable file.
    /// </summary>
    private static Func<TextReader> OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = FilePaths.RequireFile(path, "CSV file");
        return () =>
        {
            try
            {
                return new StreamReader(full, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new IOException($"CSV file {full} cannot be read: {e.Message}", e);
            }
        };
    }

    private readonly record struct LabelSelector(string? Name, int Index)
    {
        public static LabelSelector ByName(string name) => new(name, 0);

        public static LabelSelector ByIndex(int index) => new(null, index);
    }

    /// <summary>What the first record decides: the header's names, the label's column, the columns skipped.</summary>
    private sealed record Layout(string[]? Header, int ColumnCount, int LabelIndex, bool[] Skip)
    {
        public int FeatureCount { get; } = Enumerable.Range(0, ColumnCount).Count(c => c != LabelIndex && !Skip[c]);

        public string ColumnName(int c) => Header?[c] ?? $"#{c}";
    }

    private static Dataset Read(Func<TextReader> open, string source, LabelSelector label, int? classCount, bool hasHeader, char? delimiter, IEnumerable<string>? ignoreColumns)
    {
        if (classCount is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classification dataset needs at least two classes.");
        }

        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, "A delimiter cannot be a quote or a line break.");
        }

        string[] ignored = ignoreColumns?.ToArray() ?? [];
        if (ignored.Length > 0 && !hasHeader)
        {
            throw new ArgumentException("Columns can only be ignored by name when the file has a header.", nameof(ignoreColumns));
        }

        char separator = delimiter ?? Detect(open);

        // The first pass reads the layout and counts the data rows, so that the second parses straight into arrays of
        // their final size: no list that doubles, no copy at the end.
        Layout layout;
        long rows;
        using (TextReader reader = open())
        {
            (layout, rows) = Pass(new CsvRecordReader(reader, source, separator), source, label, classCount, hasHeader, ignored, null, null);
        }

        if (rows * layout.FeatureCount > Array.MaxLength)
        {
            throw new CsvFormatException(source, 1, 1,
                FormattableString.Invariant($"The file has {rows:N0} rows of {layout.FeatureCount:N0} features, {rows * layout.FeatureCount:N0} values: more than one array holds ({Array.MaxLength:N0})."));
        }

        var features = new float[rows * layout.FeatureCount];
        var targets = new float[rows];
        using (TextReader reader = open())
        {
            Pass(new CsvRecordReader(reader, source, separator), source, label, classCount, hasHeader, ignored, features, targets);
        }

        IReadOnlyList<string>? names = layout.Header?.Where((_, i) => i != layout.LabelIndex && !layout.Skip[i]).ToArray();
        return new Dataset(features, targets, layout.FeatureCount, 1, classCount, names);
    }

    /// <summary>
    /// One pass over the records: the layout from the first, then every data row, its cells counted and, where
    /// <paramref name="features"/> is given, parsed into it and <paramref name="targets"/>. Returns the layout and the number
    /// of data rows.
    /// </summary>
    private static (Layout Layout, long Rows) Pass(
        CsvRecordReader records, string source, LabelSelector label, int? classCount, bool hasHeader, string[] ignored, float[]? features, float[]? targets)
    {
        var fields = new List<CsvField>();
        Layout? layout = null;
        long rows = 0;
        int written = 0;
        while (records.TryRead(fields))
        {
            if (CsvRecordReader.IsBlank(fields))
            {
                continue;
            }

            if (layout is null)
            {
                layout = FirstRecord(records, fields, source, label, hasHeader, ignored);
                if (hasHeader)
                {
                    continue;
                }
            }

            if (fields.Count != layout.ColumnCount)
            {
                (int line, int column) = fields.Count > layout.ColumnCount ? (fields[layout.ColumnCount].Line, fields[layout.ColumnCount].Column) : (records.EndLine, records.EndColumn);
                throw new CsvFormatException(source, line, column,
                    $"Row has {fields.Count} cells, expected {layout.ColumnCount} (as in {(hasHeader ? "the header" : "the first row")}).");
            }

            if (features is not null)
            {
                if (rows == targets!.Length)
                {
                    throw new IOException($"{source} changed while it was read: it has more rows than when they were counted.");
                }

                for (int c = 0; c < layout.ColumnCount; c++)
                {
                    if (layout.Skip[c])
                    {
                        continue;
                    }

                    float value = ParseCell(source, records.Text(fields[c]), fields[c], layout.ColumnName(c));
                    if (c != layout.LabelIndex)
                    {
                        features[written++] = value;
                        continue;
                    }

                    if (classCount is int classes && !LossFunctions.IsClassIndex(value, classes))
                    {
                        throw new CsvFormatException(source, fields[c].Line, fields[c].Column,
                            $"Label {value.ToString(CultureInfo.InvariantCulture)} in column '{layout.ColumnName(c)}' is not a class index in 0..{classes - 1}.");
                    }

                    targets[rows] = value;
                }
            }

            rows++;
        }

        if (layout is null)
        {
            throw new CsvFormatException(source, Math.Max(records.EndLine, 1), 1, "The file is empty.");
        }

        if (rows == 0)
        {
            throw new CsvFormatException(source, records.EndLine, 1, "The file has a header but no data rows.");
        }

        if (targets is not null && rows != targets.Length)
        {
            throw new IOException($"{source} changed while it was read: it has fewer rows than when they were counted.");
        }

        return (layout, rows);
    }

    /// <summary>The layout the first record gives: its names (with a header), the label column and the ignored columns.</summary>
    private static Layout FirstRecord(CsvRecordReader records, List<CsvField> fields, string source, LabelSelector label, bool hasHeader, string[] ignored)
    {
        int columnCount = fields.Count;
        if (columnCount < 2)
        {
            throw new CsvFormatException(source, fields[0].Line, 1,
                $"Found 1 column; a dataset needs at least one feature column and a label column. Cells are separated by '{Show(records.Delimiter)}'; if the file uses another delimiter, pass it as delimiter:.");
        }

        string[]? header = null;
        if (hasHeader)
        {
            header = fields.Select(f => records.Text(f).ToString()).ToArray();
            CheckUniqueNames(source, fields, header);
        }

        int labelIndex = ResolveLabel(source, fields, header, label, columnCount);
        bool[] skip = ResolveIgnored(source, fields, header, ignored, labelIndex, columnCount);
        var layout = new Layout(header, columnCount, labelIndex, skip);
        return layout.FeatureCount > 0
            ? layout
            : throw new CsvFormatException(source, 1, 1, "Every column but the label is ignored; a dataset needs at least one feature.");
    }

    /// <summary>
    /// The delimiter the first row uses most outside quotes (<c>,</c> when it has none); rows with no delimiter before it
    /// are read past. Reads only as far as that row.
    /// </summary>
    private static char Detect(Func<TextReader> open)
    {
        var counts = new int[Delimiters.Length];
        bool quoted = false;
        using TextReader reader = open();
        for (int next = reader.Read(); next != -1; next = reader.Read())
        {
            char c = (char)next;
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r' && counts.Any(n => n > 0))
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Delimiters, c) is int index and >= 0)
            {
                counts[index]++;
            }
        }

        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Delimiters[best];
    }

    private static void CheckUniqueNames(string source, List<CsvField> fields, string[] header)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            if (seen.TryGetValue(header[c], out int first))
            {
                throw new CsvFormatException(source, fields[c].Line, fields[c].Column,
                    $"Columns {first + 1} and {c + 1} are both named '{CsvText.Shorten(header[c])}'; header names must be unique.");
            }

            seen.Add(header[c], c);
        }
    }

    private static int ResolveLabel(string source, List<CsvField> first, string[]? header, LabelSelector label, int columnCount)
    {
        if (label.Name is null)
        {
            int index = label.Index < 0 ? columnCount + label.Index : label.Index;
            if (index < 0 || index >= columnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(label), label.Index, $"{source} has {columnCount} columns; label column {label.Index} does not exist.");
            }

            return index;
        }

        if (header is null)
        {
            throw new ArgumentException("A label column can only be chosen by name when the file has a header.", nameof(label));
        }

        int found = Array.IndexOf(header, label.Name);
        return found >= 0
            ? found
            : throw new CsvFormatException(source, first[0].Line, 1, $"No column is named '{CsvText.Shorten(label.Name)}'; the header has {HeaderList(header)}.");
    }

    private static bool[] ResolveIgnored(string source, List<CsvField> first, string[]? header, string[] ignored, int labelIndex, int columnCount)
    {
        var skip = new bool[columnCount];
        foreach (string name in ignored)
        {
            int index = Array.IndexOf(header!, name);
            if (index < 0)
            {
                throw new CsvFormatException(source, first[0].Line, 1, $"Cannot ignore '{CsvText.Shorten(name)}': no column has that name; the header has {HeaderList(header!)}.");
            }

            if (index == labelIndex)
            {
                throw new ArgumentException($"The label column '{name}' cannot be ignored.", nameof(ignored));
            }

            skip[index] = true;
        }

        return skip;
    }

    /// <summary>The header's names for a message: the first 20, then how many more (a wide file's message stays readable).</summary>
    private static string HeaderList(string[] header) =>
        string.Join(", ", header.Take(20).Select(name => $"'{CsvText.Shorten(name)}'"))
        + (header.Length > 20 ? FormattableString.Invariant($" and {header.Length - 20:N0} more") : string.Empty);

    private static float ParseCell(string source, ReadOnlySpan<char> text, CsvField cell, string columnName)
    {
        // .NET's parser accepts trailing NUL characters ("1\0" reads as 1); a cell holding one is not a number.
        if (text.Contains('\0')
            || !float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            string shown = text.Length == 0 ? "an empty cell" : $"'{CsvText.Shorten(text)}'";
            throw new CsvFormatException(source, cell.Line, cell.Column, $"Column '{CsvText.Shorten(columnName)}' holds {shown}, which is not a number.");
        }

        if (!float.IsFinite(value))
        {
            throw new CsvFormatException(source, cell.Line, cell.Column,
                $"Column '{CsvText.Shorten(columnName)}' holds '{CsvText.Shorten(text)}', which is not a finite number (NaN and infinities are refused; values beyond ±3.4e38 overflow float).");
        }

        return value;
    }

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
