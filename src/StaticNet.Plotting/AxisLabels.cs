using System.Text;

namespace StaticNet.Plotting;

/// <summary>
/// Tick labels that fit: a long feature or class name is broken over lines at spaces, underscores, slashes and hyphens
/// (hard-cut only where a word alone is longer than a line), and cut with an ellipsis after the last line allowed. Left as
/// they are, ScottPlot sizes the axis to the longest label, so one long name squeezed the bars into a sliver, and class
/// names under a confusion matrix ran into each other.
/// </summary>
internal static class AxisLabels
{
    /// <summary><paramref name="text"/> in lines of at most <paramref name="lineLength"/> characters, at most <paramref name="maxLines"/> of them.</summary>
    public static string Wrap(string text, int lineLength, int maxLines)
    {
        if (text.Length <= lineLength)
        {
            return text;
        }

        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in Words(text))
        {
            if (line.Length > 0 && line.Length + word.TrimEnd().Length > lineLength)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
            }

            // A word longer than a line is cut into pieces of a line each.
            string rest = word;
            while (line.Length == 0 && rest.TrimEnd().Length > lineLength)
            {
                lines.Add(rest[..lineLength]);
                rest = rest[lineLength..];
            }

            line.Append(rest);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        if (lines.Count > maxLines)
        {
            string last = lines[maxLines - 1];
            lines[maxLines - 1] = (last.Length >= lineLength ? last[..(lineLength - 1)] : last) + "…";
            lines.RemoveRange(maxLines, lines.Count - maxLines);
        }

        return string.Join('\n', lines);
    }

    /// <summary>The text in pieces that each end after a break character (or at the end).</summary>
    private static IEnumerable<string> Words(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is ' ' or '_' or '/' or '-')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
