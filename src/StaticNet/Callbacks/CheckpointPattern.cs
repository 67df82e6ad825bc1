using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>
/// A checkpoint path with placeholders, parsed once: literal text, <c>{key}</c> or <c>{key:format}</c> (a .NET format:
/// <c>{epoch:D3}</c>, <c>{val_loss:F4}</c>), and <c>{{</c> and <c>}}</c> for literal braces, as in Python's and .NET's
/// format strings. A lone brace or a format the value cannot take is refused here, where it is written, rather than
/// saving every epoch over one file named by accident.
/// </summary>
internal sealed class CheckpointPattern
{
    private readonly List<(string? Text, string? Key, string? Format)> _parts;

    private CheckpointPattern(List<(string? Text, string? Key, string? Format)> parts, string? fixedFolder)
    {
        _parts = parts;
        FixedFolder = fixedFolder;
    }

    /// <summary>The keys the pattern names.</summary>
    public IEnumerable<string> Keys => _parts.Where(p => p.Key is not null).Select(p => p.Key!);

    /// <summary>The folder the files go to when it holds no placeholder (the full path), else null.</summary>
    public string? FixedFolder { get; }

    /// <exception cref="ArgumentException">The path is empty, has a lone brace or a malformed placeholder, or a format its value cannot take.</exception>
    public static CheckpointPattern Parse(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A path is needed.", nameof(path));
        }

        var parts = new List<(string? Text, string? Key, string? Format)>();
        var text = new StringBuilder();
        int firstPlaceholder = -1;
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if ((c == '{' || c == '}') && i + 1 < path.Length && path[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw Malformed(path, i, "a '}' that closes no placeholder (write '}}' for a literal brace)");
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            int close = path.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw Malformed(path, i, "a '{' that is never closed (write '{{' for a literal brace)");
            }

            string inside = path[(i + 1)..close];
            int colon = inside.IndexOf(':');
            string key = colon < 0 ? inside : inside[..colon];
            string? format = colon < 0 ? null : inside[(colon + 1)..];
            if (key.Length == 0 || !(char.IsLetter(key[0]) || key[0] == '_') || !key.All(ch => char.IsLetterOrDigit(ch) || ch == '_') || inside.Contains('{'))
            {
                throw Malformed(path, i, $"the placeholder '{{{inside}}}', which names no log key (epoch, loss, val_loss, …)");
            }

            try
            {
                _ = key == "epoch" ? 1.ToString(format, CultureInfo.InvariantCulture) : 0.5.ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw Malformed(path, i, $"the format '{format}', which {(key == "epoch" ? "an integer" : "a number")} cannot take");
            }

            if (text.Length > 0)
            {
                parts.Add((text.ToString(), null, null));
                text.Clear();
            }

            parts.Add((null, key, format));
            firstPlaceholder = firstPlaceholder < 0 ? i : firstPlaceholder;
            i = close;
        }

        if (text.Length > 0)
        {
            parts.Add((text.ToString(), null, null));
        }

        int lastSeparator = Math.Max(path.LastIndexOf('/'), path.LastIndexOf(Path.DirectorySeparatorChar));
        string? fixedFolder = firstPlaceholder >= 0 && firstPlaceholder < lastSeparator
            ? null
            : Path.GetDirectoryName(Path.GetFullPath(string.Concat(parts.Select(p => p.Text ?? "x"))));
        return new CheckpointPattern(parts, fixedFolder);
    }

    /// <summary>The file for <paramref name="result"/>'s epoch.</summary>
    /// <exception cref="InvalidOperationException">A key the epoch did not log (a callback that adds it did not run).</exception>
    public string Fill(EpochResult result)
    {
        var file = new StringBuilder();
        foreach ((string? text, string? key, string? format) in _parts)
        {
            if (text is not null)
            {
                file.Append(text);
            }
            else if (key == "epoch")
            {
                file.Append(result.Epoch.ToString(format, CultureInfo.InvariantCulture));
            }
            else if (result.Logs.TryGetValue(key!, out double value))
            {
                file.Append(value.ToString(format, CultureInfo.InvariantCulture));
            }
            else
            {
                throw new InvalidOperationException($"The checkpoint path names '{key}', which epoch {result.Epoch} does not log; it logs {string.Join(", ", result.Logs.Keys)}.");
            }
        }

        return file.ToString();
    }

    private static ArgumentException Malformed(string path, int at, string what) =>
        new($"The checkpoint path '{path}' has, at character {at + 1}, {what}.", nameof(path));
}
