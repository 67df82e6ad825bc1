using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The generated file's name. Roslyn compares hint names ignoring case and accepts only file-name characters, while C#
/// allows networks whose full names differ only in case (<c>Net</c> and <c>NET</c>, namespaces <c>Foo</c> and
/// <c>foo</c>) and keyword or Unicode segments. So the name is the network's full name with anything but letters,
/// digits, dots and underscores replaced by <c>_</c>, and where several networks of the compilation come out the same
/// ignoring case, the second and later (in ordinal order of their full names) get <c>.2</c>, <c>.3</c>, … — a suffix no
/// network's own name can end with, since no C# identifier starts with a digit.
/// </summary>
internal static class HintNames
{
    public static string For(string fullName, EquatableArray<string> allFullNames)
    {
        string stem = Stem(fullName);
        var same = allFullNames
            .Where(other => string.Equals(Stem(other), stem, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(other => other, StringComparer.Ordinal)
            .ToList();
        int index = same.IndexOf(fullName);
        return index <= 0 ? stem + ".g.cs" : $"{stem}.{index + 1}.g.cs";
    }

    /// <summary>The full names of every network of the compilation, in one equatable value (sorted, so order of discovery does not matter).</summary>
    public static EquatableArray<string> Table(IEnumerable<string> fullNames) =>
        new(fullNames.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList());

    private static string Stem(string fullName)
    {
        var stem = new StringBuilder(fullName.Length);
        foreach (char c in fullName)
        {
            stem.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        }

        return stem.ToString();
    }
}
