using System.Globalization;

namespace StaticNet;

/// <summary>
/// Exceptions whose text reads the same in every culture: <see cref="ArgumentOutOfRangeException"/> prints its actual
/// value with the current culture (<c>0,5</c> under a decimal-comma culture), so a number is handed to it already
/// written in the invariant culture, in round-trip form.
/// </summary>
internal static class InvariantErrors
{
    public static ArgumentOutOfRangeException OutOfRange(string? name, double value, string message) =>
        new(name, value.ToString("R", CultureInfo.InvariantCulture), message);

    public static ArgumentOutOfRangeException OutOfRange(string? name, float value, string message) =>
        new(name, value.ToString("R", CultureInfo.InvariantCulture), message);
}
