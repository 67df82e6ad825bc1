using System.Globalization;

namespace StaticNet;

/// <summary>Number formatting that matches Python's, so that reports compare with scikit-learn's character for character.</summary>
internal static class PythonFormat
{
    /// <summary>
    /// Python's <c>format(value, '.Nf')</c>: correctly rounded, an exact tie to the even digit (<c>0.125 → '0.12'</c>), where
    /// .NET rounds a tie away from zero. Only an exactly representable tie differs, and such a value converts to
    /// <see cref="decimal"/> exactly, so it is rounded there.
    /// </summary>
    public static string Fixed(double value, int digits)
    {
        // The tie check scales by 10^digits in decimal, which holds 28 digits: beyond that .NET's rounding is used.
        if (digits <= 28 && double.IsFinite(value) && Math.Abs(value) < Math.Pow(10, Math.Min(15, 28 - digits)))
        {
            decimal exact = (decimal)value;
            if ((double)exact == value)
            {
                decimal scaled = exact * Pow10(digits);
                if (scaled - decimal.Truncate(scaled) is 0.5m or -0.5m)
                {
                    return Math.Round(exact, digits, MidpointRounding.ToEven).ToString("F" + digits, CultureInfo.InvariantCulture);
                }
            }
        }

        return value.ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int digits)
    {
        decimal result = 1m;
        for (int i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
