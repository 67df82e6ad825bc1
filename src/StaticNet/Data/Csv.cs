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

    /// <summary>Cells quoted in messages are cut to this many characters.</summary>
    private const int ShownCellLength = 40;

    /// <summary>Loads <paramref name="path"/>, whose header names the label column <paramref name="labelColumn"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The header name of the label (target) column.</param>
    /// <param name="classCount">For classification, the number of classes: labels must then be whole numbers in 0..classCount−1.</param>
    /// <param name="delimiter">The cell delimiter; null detects <c>,</c>, <c>;</c> or tab from the first row.</param>
    /// <param name="ignoreColumns">Header names of columns to skip (identifiers, free text).</param>
    public static Dataset Load(string path, string labelColumn, int? classCount = null, char? delimiter = null, IEnumerable<string>? ignoreColumns = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Read(ReadFile(path), path, LabelSelector.ByName(labelColumn), classCount, hasHeader: true, delimiter, ignoreColumns);
    }

    /// <summary>Loads <paramref name="path"/>, taking the label from column <paramref name="labelColumn"/> (0-based; −1 is the last column).</summary>
    public static Dataset Load(string path, int labelColumn, int? classCount = null, bool hasHeader = true, char? delimiter = null, IEnumerable<string>? ignoreColumns = null) =>
        Read(ReadFile(path), path, LabelSelector.ByIndex(labelColumn), classCount, hasHeader, delimiter, ignoreColumns);

    /// <summary>Reads CSV text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Parse(TextReader reader, string sourceName, string labelColumn, int? classCount = null, char? delimiter = null, IEnumerable<string>? ignoreColumns = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Read(reader.ReadToEnd(), sourceName, LabelSelector.ByName(labelColumn), classCount, hasHeader: true, delimiter, ignoreColumns);
    }

    /// <summary>Reads CSV text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Parse(TextReader reader, string sourceName, int labelColumn, int? classCount = null, bool hasHeader = true, char? delimiter = null, IEnumerable<string>? ignoreColumns = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader.ReadToEnd(), sourceName, LabelSelector.ByIndex(labelColumn), classCount, hasHeader, delimiter, ignoreColumns);
    }

    /// <summary>The file's text, with a message of its own for each way a path can fail to be a readable file.</summary>
    private static string ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = FilePaths.RequireFile(path, "CSV file");
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"CSV file {full} cannot be read: {e.Message}", e);
        }
    }

    private readonly record struct LabelSelector(string? Name, int Index)
    {
        public static LabelSelector ByName(string name) => new(name, 0);

        public static LabelSelector ByIndex(int index) => new(null, index);
    }

    private static Dataset Read(string text, string source, LabelSelector label, int? classCount, bool hasHeader, char? delimiter, IEnumerable<string>? ignoreColumns)
    {
        // A byte-order mark that a reader left in the text (Excel writes one) is not part of the first column's name.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

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

        var records = new RecordReader(text, source, delimiter ?? Detect(text));
        var fields = new List<Field>();
        string[]? header = null;
        int columnCount = -1;
        int labelIndex = -1;
        bool[] skip = [];
        var features = new List<float>();
        var targets = new List<float>();

        while (records.TryRead(fields))
        {
            if (fields is [{ Quoted: false, Text.Length: 0 }])
            {
                continue; // a blank line
            }

            if (columnCount < 0)
            {
                columnCount = fields.Count;
                if (columnCount < 2)
                {
                    throw new CsvFormatException(source, fields[0].Line, 1,
                        $"Found 1 column; a dataset needs at least one feature column and a label column. Cells are separated by '{Show(records.Delimiter)}'; if the file uses another delimiter, pass it as delimiter:.");
                }

                if (hasHeader)
                {
                    header = fields.Select(f => f.Text).ToArray();
                    CheckUniqueNames(source, fields);
                }

                labelIndex = ResolveLabel(source, fields, label, hasHeader, columnCount);
                skip = ResolveIgnored(source, fields, ignored, labelIndex, columnCount);
                if (hasHeader)
                {
                    continue;
                }
            }

            if (fields.Count != columnCount)
            {
                (int line, int column) = fields.Count > columnCount ? (fields[columnCount].Line, fields[columnCount].Column) : (records.EndLine, records.EndColumn);
                throw new CsvFormatException(source, line, column,
                    $"Row has {fields.Count} cells, expected {columnCount} (as in {(hasHeader ? "the header" : "the first row")}).");
            }

            for (int c = 0; c < columnCount; c++)
            {
                if (skip[c])
                {
                    continue;
                }

                float value = ParseCell(source, fields[c], header?[c] ?? $"#{c}");
                if (c != labelIndex)
                {
                    features.Add(value);
                    continue;
                }

                if (classCount is int classes && !LossFunctions.IsClassIndex(value, classes))
                {
                    throw new CsvFormatException(source, fields[c].Line, fields[c].Column,
                        $"Label {value.ToString(CultureInfo.InvariantCulture)} in column '{header?[c] ?? "#" + c}' is not a class index in 0..{classes - 1}.");
                }

                targets.Add(value);
            }
        }

        if (columnCount < 0)
        {
            throw new CsvFormatException(source, Math.Max(records.EndLine, 1), 1, "The file is empty.");
        }

        if (targets.Count == 0)
        {
            throw new CsvFormatException(source, records.EndLine, 1, "The file has a header but no data rows.");
        }

        int featureCount = Enumerable.Range(0, columnCount).Count(c => c != labelIndex && !skip[c]);
        if (featureCount == 0)
        {
            throw new CsvFormatException(source, 1, 1, "Every column but the label is ignored; a dataset needs at least one feature.");
        }

        IReadOnlyList<string>? names = header?.Where((_, i) => i != labelIndex && !skip[i]).ToArray();
        return new Dataset(features.ToArray(), targets.ToArray(), featureCount, 1, classCount, names);
    }

    /// <summary>The delimiter the first row uses most outside quotes (<c>,</c> when it has none).</summary>
    private static char Detect(string text)
    {
        var counts = new int[Delimiters.Length];
        bool quoted = false;
        foreach (char c in text)
        {
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

    private static void CheckUniqueNames(string source, List<Field> header)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Count; c++)
        {
            if (seen.TryGetValue(header[c].Text, out int first))
            {
                throw new CsvFormatException(source, header[c].Line, header[c].Column,
                    $"Columns {first + 1} and {c + 1} are both named '{Shorten(header[c].Text)}'; header names must be unique.");
            }

            seen.Add(header[c].Text, c);
        }
    }

    private static int ResolveLabel(string source, List<Field> first, LabelSelector label, bool hasHeader, int columnCount)
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

        if (!hasHeader)
        {
            throw new ArgumentException("A label column can only be chosen by name when the file has a header.", nameof(label));
        }

        int found = first.FindIndex(f => f.Text == label.Name);
        return found >= 0
            ? found
            : throw new CsvFormatException(source, first[0].Line, 1, $"No column is named '{Shorten(label.Name)}'; the header has {HeaderList(first)}.");
    }

    private static bool[] ResolveIgnored(string source, List<Field> first, string[] ignored, int labelIndex, int columnCount)
    {
        var skip = new bool[columnCount];
        foreach (string name in ignored)
        {
            int index = first.FindIndex(f => f.Text == name);
            if (index < 0)
            {
                throw new CsvFormatException(source, first[0].Line, 1, $"Cannot ignore '{Shorten(name)}': no column has that name; the header has {HeaderList(first)}.");
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
    private static string HeaderList(List<Field> header) =>
        string.Join(", ", header.Take(20).Select(f => $"'{Shorten(f.Text)}'"))
        + (header.Count > 20 ? FormattableString.Invariant($" and {header.Count - 20:N0} more") : string.Empty);

    private static float ParseCell(string source, Field cell, string columnName)
    {
        string text = cell.Text;

        // .NET's parser accepts trailing NUL characters ("1\0" reads as 1); a cell holding one is not a number.
        if (text.Contains('\0', StringComparison.Ordinal)
            || !float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            string shown = text.Length == 0 ? "an empty cell" : $"'{Shorten(text)}'";
            throw new CsvFormatException(source, cell.Line, cell.Column, $"Column '{Shorten(columnName)}' holds {shown}, which is not a number.");
        }

        if (!float.IsFinite(value))
        {
            throw new CsvFormatException(source, cell.Line, cell.Column,
                $"Column '{Shorten(columnName)}' holds '{Shorten(text)}', which is not a finite number (NaN and infinities are refused; values beyond ±3.4e38 overflow float).");
        }

        return value;
    }

    /// <summary>A cell as a message shows it: control characters visible, cut to <see cref="ShownCellLength"/> characters.</summary>
    private static string Shorten(string text)
    {
        var shown = new StringBuilder();
        foreach (char c in text.Length > ShownCellLength ? text[..ShownCellLength] : text)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.Length > ShownCellLength
            ? $"{shown}… ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)"
            : shown.ToString();
    }

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();

    /// <summary>One cell: its text (unquoted, trimmed unless quoted) and where it starts (1-based).</summary>
    private readonly record struct Field(string Text, int Line, int Column, bool Quoted);

    /// <summary>
    /// Splits text into records of cells, RFC 4180 style: a cell that starts with a quote runs to the matching quote, may
    /// hold delimiters and line breaks, and writes a quote as two; records end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>.
    /// </summary>
    private sealed class RecordReader(string text, string source, char delimiter)
    {
        private int _position;
        private int _line = 1;
        private int _column = 1;

        public char Delimiter { get; } = delimiter;

        /// <summary>Where the last record ended (before its line break).</summary>
        public int EndLine { get; private set; }

        public int EndColumn { get; private set; }

        public bool TryRead(List<Field> fields)
        {
            fields.Clear();
            if (_position >= text.Length)
            {
                EndLine = Math.Max(EndLine, _line - (_column == 1 && _line > 1 ? 1 : 0));
                return false;
            }

            while (true)
            {
                SkipSpaces();
                int line = _line, column = _column;
                bool quoted = Peek() == '"';
                string value = quoted ? ReadQuoted(line, column) : ReadPlain();
                fields.Add(new Field(value, line, column, quoted));
                EndLine = _line;
                EndColumn = _column;
                int next = Peek();
                if (next == Delimiter)
                {
                    Advance();
                    continue;
                }

                if (next is '\r' or '\n')
                {
                    if (Advance() == '\r' && Peek() == '\n')
                    {
                        Advance();
                    }

                    return true;
                }

                return true; // the end of the text
            }
        }

        private string ReadPlain()
        {
            int start = _position;
            while (Peek() is int c and not -1 && c != Delimiter && c is not '\r' and not '\n')
            {
                Advance();
            }

            return text[start.._position].TrimEnd(' ', '\t');
        }

        private string ReadQuoted(int line, int column)
        {
            Advance(); // the opening quote
            var value = new StringBuilder();
            while (true)
            {
                int c = Peek();
                if (c == -1)
                {
                    throw new CsvFormatException(source, line, column, "A quoted cell is not closed: the file ends before its closing quote.");
                }

                Advance();
                if (c == '"')
                {
                    if (Peek() != '"')
                    {
                        break;
                    }

                    Advance();
                }

                value.Append((char)c);
            }

            SkipSpaces();
            int after = Peek();
            if (after != -1 && after != Delimiter && after is not '\r' and not '\n')
            {
                throw new CsvFormatException(source, _line, _column,
                    $"Unexpected '{Shorten(((char)after).ToString())}' after the closing quote of the cell that starts at line {line}, column {column}; write a quote inside a quoted cell as \"\".");
            }

            return value.ToString();
        }

        private void SkipSpaces()
        {
            while (Peek() is ' ' or '\t' && Peek() != Delimiter)
            {
                Advance();
            }
        }

        private int Peek() => _position < text.Length ? text[_position] : -1;

        private int Advance()
        {
            char c = text[_position++];
            if (c == '\n' || (c == '\r' && (_position >= text.Length || text[_position] != '\n')))
            {
                _line++;
                _column = 1;
            }
            else if (c != '\r')
            {
                _column++;
            }

            return c;
        }
    }
}
