using System.Globalization;

namespace StaticNet;

/// <summary>
/// Reads comma-separated numeric data into a <see cref="Dataset"/>: an optional header row, float features, and one label
/// column chosen by name or index. Every cell is checked; the first bad one stops the load with a
/// <see cref="CsvFormatException"/> naming the file, line, column and cell. Blank lines are skipped.
/// </summary>
public static class Csv
{
    /// <summary>Loads <paramref name="path"/>, whose header names the label column <paramref name="labelColumn"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The header name of the label (target) column.</param>
    /// <param name="classCount">For classification, the number of classes: labels must then be whole numbers in 0..classCount−1.</param>
    public static Dataset Load(string path, string labelColumn, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        using var reader = OpenReader(path);
        return Read(reader, path, LabelSelector.ByName(labelColumn), classCount, hasHeader: true);
    }

    /// <summary>Loads <paramref name="path"/>, taking the label from column <paramref name="labelColumn"/> (0-based; −1 is the last column).</summary>
    public static Dataset Load(string path, int labelColumn, int? classCount = null, bool hasHeader = true)
    {
        using var reader = OpenReader(path);
        return Read(reader, path, LabelSelector.ByIndex(labelColumn), classCount, hasHeader);
    }

    /// <summary>Reads CSV text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Parse(TextReader reader, string sourceName, string labelColumn, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Read(reader, sourceName, LabelSelector.ByName(labelColumn), classCount, hasHeader: true);
    }

    /// <summary>Reads CSV text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Parse(TextReader reader, string sourceName, int labelColumn, int? classCount = null, bool hasHeader = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader, sourceName, LabelSelector.ByIndex(labelColumn), classCount, hasHeader);
    }

    private static StreamReader OpenReader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file not found: {Path.GetFullPath(path)}", path);
        }

        return new StreamReader(path);
    }

    private readonly record struct LabelSelector(string? Name, int Index)
    {
        public static LabelSelector ByName(string name) => new(name, 0);

        public static LabelSelector ByIndex(int index) => new(null, index);
    }

    private readonly record struct Cell(int Start, int Length);

    private static Dataset Read(TextReader reader, string source, LabelSelector label, int? classCount, bool hasHeader)
    {
        if (classCount is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classification dataset needs at least two classes.");
        }

        var cells = new List<Cell>();
        int lineNumber = 0;
        string? line;
        string[]? header = null;
        int columnCount = -1;
        int labelIndex = -1;
        var features = new List<float>();
        var targets = new List<float>();

        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Split(line, cells);
            if (columnCount < 0)
            {
                columnCount = cells.Count;
                if (columnCount < 2)
                {
                    throw new CsvFormatException(source, lineNumber, 1, $"Found {columnCount} column; a dataset needs at least one feature column and a label column.");
                }

                labelIndex = ResolveLabel(source, lineNumber, line, cells, label, hasHeader, columnCount);
                if (hasHeader)
                {
                    header = cells.Select(c => Unquote(line.AsSpan(c.Start, c.Length)).ToString()).ToArray();
                    continue;
                }
            }

            if (cells.Count != columnCount)
            {
                int column = cells.Count > columnCount ? cells[columnCount].Start + 1 : line.Length + 1;
                throw new CsvFormatException(source, lineNumber, column, $"Row has {cells.Count} cells, expected {columnCount} (as on line {(hasHeader ? "the header" : "the first row")}).");
            }

            for (int c = 0; c < columnCount; c++)
            {
                float value = ParseCell(source, lineNumber, line, cells[c], header?[c] ?? $"#{c}");
                if (c != labelIndex)
                {
                    features.Add(value);
                    continue;
                }

                if (classCount is int classes && !(value >= 0 && value < classes && value == MathF.Floor(value)))
                {
                    throw new CsvFormatException(source, lineNumber, cells[c].Start + 1,
                        $"Label {value.ToString(CultureInfo.InvariantCulture)} in column '{header?[c] ?? "#" + c}' is not a class index in 0..{classes - 1}.");
                }

                targets.Add(value);
            }
        }

        if (columnCount < 0)
        {
            throw new CsvFormatException(source, Math.Max(lineNumber, 1), 1, "The file is empty.");
        }

        if (targets.Count == 0)
        {
            throw new CsvFormatException(source, lineNumber, 1, "The file has a header but no data rows.");
        }

        IReadOnlyList<string>? names = header?.Where((_, i) => i != labelIndex).ToArray();
        return new Dataset(features.ToArray(), targets.ToArray(), columnCount - 1, 1, classCount, names);
    }

    private static int ResolveLabel(string source, int lineNumber, string line, List<Cell> cells, LabelSelector label, bool hasHeader, int columnCount)
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

        for (int c = 0; c < cells.Count; c++)
        {
            if (Unquote(line.AsSpan(cells[c].Start, cells[c].Length)).SequenceEqual(label.Name))
            {
                return c;
            }
        }

        var names = string.Join(", ", cells.Select(c => $"'{Unquote(line.AsSpan(c.Start, c.Length))}'"));
        throw new CsvFormatException(source, lineNumber, 1, $"No column is named '{label.Name}'; the header has {names}.");
    }

    private static float ParseCell(string source, int lineNumber, string line, Cell cell, string columnName)
    {
        ReadOnlySpan<char> text = Unquote(line.AsSpan(cell.Start, cell.Length));
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            string shown = text.IsEmpty ? "an empty cell" : $"'{text}'";
            throw new CsvFormatException(source, lineNumber, cell.Start + 1, $"Column '{columnName}' holds {shown}, which is not a number.");
        }

        if (!float.IsFinite(value))
        {
            throw new CsvFormatException(source, lineNumber, cell.Start + 1, $"Column '{columnName}' holds '{text}', which is not a finite number (NaN and infinities are refused; values beyond ±3.4e38 overflow float).");
        }

        return value;
    }

    /// <summary>Splits a line at commas into cells (start and length of each, trimmed of spaces).</summary>
    private static void Split(string line, List<Cell> cells)
    {
        cells.Clear();
        int start = 0;
        while (true)
        {
            int comma = line.IndexOf(',', start);
            int end = comma < 0 ? line.Length : comma;
            int s = start, e = end;
            while (s < e && char.IsWhiteSpace(line[s]))
            {
                s++;
            }

            while (e > s && char.IsWhiteSpace(line[e - 1]))
            {
                e--;
            }

            cells.Add(new Cell(s, e - s));
            if (comma < 0)
            {
                return;
            }

            start = comma + 1;
        }
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> cell) =>
        cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"' ? cell[1..^1] : cell;
}
