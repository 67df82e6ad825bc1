using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>Formats values as C# literals, culture-independently.</summary>
internal static class Literals
{
    /// <summary>A float literal that reads back to exactly the same float: round-trip digits, invariant culture, <c>f</c> suffix.</summary>
    public static string Float(float value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text + "f";
    }

    /// <summary>A C# bool literal.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An integer with thousands separators, for comments and the summary table.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
