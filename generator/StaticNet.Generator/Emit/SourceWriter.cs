using System;
using System.Text;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes C# source line by line with the current indentation: faster and far more readable in the emitter than building
/// syntax trees and normalising their whitespace.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _indent;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public Block Open(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
        return new Block(this);
    }

    /// <summary>Opens a bare block (a scope for locals) and indents until the returned scope is disposed.</summary>
    public Block OpenScope()
    {
        WriteLine("{");
        _indent++;
        return new Block(this);
    }

    public override string ToString() => _text.ToString();

    private void Close()
    {
        // A block never ends with a blank line, so emitters can separate what they write without tracking what comes last.
        if (_text.Length >= 2 && _text[_text.Length - 1] == '\n' && _text[_text.Length - 2] == '\n')
        {
            _text.Length--;
        }

        _indent--;
        WriteLine("}");
    }

    /// <summary>Closes a brace opened by <see cref="Open"/>.</summary>
    public readonly struct Block(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer.Close();
    }
}
