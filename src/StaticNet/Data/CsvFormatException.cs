namespace StaticNet;

/// <summary>A CSV file that cannot be read as a dataset; says which file, line, column and cell, and why.</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception; the message is prefixed with <c>file(line,column)</c>.</summary>
    public CsvFormatException(string source, int line, int column, string problem)
        : base($"{source}({line},{column}): {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or source name) that was read.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based character column where the offending cell starts.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
