using System.Text;

namespace StaticNet;

/// <summary>One cell of a record: where its text lies in the reader's cell buffer, and where it starts in the file (1-based).</summary>
internal readonly record struct CsvField(int Start, int Length, int Line, int Column, bool Quoted);

/// <summary>
/// Splits a stream of text into records of cells, RFC 4180 style: a cell that starts with a quote runs to the matching
/// quote, may hold delimiters and line breaks, and writes a quote as two; records end at <c>\n</c>, <c>\r\n</c> or
/// <c>\r</c>. It reads through a fixed buffer and keeps only the current record's cells, in one reusable character
/// buffer, so a file of any size is read in constant memory and a cell costs no allocation. A byte-order mark at the
/// start (which a reader left in the text) is skipped.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char[] _buffer = new char[1 << 16];
    private int _length;
    private int _position;
    private bool _end;
    private char[] _cells = new char[256];
    private int _cellsLength;
    private int _line = 1;
    private int _column = 1;

    public CsvRecordReader(TextReader reader, string source, char delimiter)
    {
        _reader = reader;
        _source = source;
        Delimiter = delimiter;
        if (Peek() == '\uFEFF')
        {
            _position++;
        }
    }

    public char Delimiter { get; }

    /// <summary>Where the last record ended (before its line break).</summary>
    public int EndLine { get; private set; }

    public int EndColumn { get; private set; }

    /// <summary>The text of a cell of the current record.</summary>
    public ReadOnlySpan<char> Text(CsvField field) => _cells.AsSpan(field.Start, field.Length);

    /// <summary>Whether the current record is a blank line (one unquoted cell of no text).</summary>
    public static bool IsBlank(List<CsvField> fields) => fields is [{ Quoted: false, Length: 0 }];

    /// <summary>Reads the next record's cells into <paramref name="fields"/>; false at the end of the text.</summary>
    public bool TryRead(List<CsvField> fields)
    {
        fields.Clear();
        _cellsLength = 0;
        if (Peek() == -1)
        {
            EndLine = Math.Max(EndLine, _line - (_column == 1 && _line > 1 ? 1 : 0));
            return false;
        }

        while (true)
        {
            SkipSpaces();
            int line = _line, column = _column;
            bool quoted = Peek() == '"';
            int start = _cellsLength;
            if (quoted)
            {
                ReadQuoted(line, column);
            }
            else
            {
                ReadPlain();
            }

            fields.Add(new CsvField(start, _cellsLength - start, line, column, quoted));
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

    private void ReadPlain()
    {
        int start = _cellsLength;
        while (Peek() is int c and not -1 && c != Delimiter && c is not '\r' and not '\n')
        {
            Append((char)Advance());
        }

        while (_cellsLength > start && _cells[_cellsLength - 1] is ' ' or '\t')
        {
            _cellsLength--;
        }
    }

    private void ReadQuoted(int line, int column)
    {
        Advance(); // the opening quote
        while (true)
        {
            int c = Peek();
            if (c == -1)
            {
                throw new CsvFormatException(_source, line, column, "A quoted cell is not closed: the file ends before its closing quote.");
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

            Append((char)c);
        }

        SkipSpaces();
        int after = Peek();
        if (after != -1 && after != Delimiter && after is not '\r' and not '\n')
        {
            throw new CsvFormatException(_source, _line, _column,
                $"Unexpected '{CsvText.Shorten(((char)after).ToString())}' after the closing quote of the cell that starts at line {line}, column {column}; write a quote inside a quoted cell as \"\".");
        }
    }

    private void Append(char c)
    {
        if (_cellsLength == _cells.Length)
        {
            Array.Resize(ref _cells, _cells.Length * 2);
        }

        _cells[_cellsLength++] = c;
    }

    private void SkipSpaces()
    {
        while (Peek() is ' ' or '\t' && Peek() != Delimiter)
        {
            Advance();
        }
    }

    private int Peek()
    {
        if (_position == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position];
    }

    private bool Fill()
    {
        if (_end)
        {
            return false;
        }

        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        _end = _length == 0;
        return !_end;
    }

    private int Advance()
    {
        char c = _buffer[_position++];
        if (c == '\n' || (c == '\r' && Peek() != '\n'))
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

/// <summary>How CSV messages show text.</summary>
internal static class CsvText
{
    /// <summary>Cells quoted in messages are cut to this many characters.</summary>
    private const int ShownCellLength = 40;

    /// <summary>A cell as a message shows it: control characters visible, cut to <see cref="ShownCellLength"/> characters.</summary>
    public static string Shorten(ReadOnlySpan<char> text)
    {
        var shown = new StringBuilder();
        foreach (char c in text.Length > ShownCellLength ? text[..ShownCellLength] : text)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.Length > ShownCellLength
            ? $"{shown}… ({text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters)"
            : shown.ToString();
    }
}
