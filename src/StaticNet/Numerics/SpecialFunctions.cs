namespace StaticNet;

/// <summary>
/// The error function, which .NET's math library lacks, to about 1e-13: its Taylor series where that converges without
/// losing more digits (|x| &lt; 3; the terms grow to about 170 before they fall), the continued fraction of <c>erfc</c>
/// beyond. GELU needs it in float, where 1e-13 is far below the rounding.
/// </summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double a = Math.Abs(x);
        if (a < 3)
        {
            // erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
            double term = a, sum = a, x2 = a * a;
            for (int n = 1; n < 100 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }

            return Math.CopySign(TwoOverSqrtPi * sum, x);
        }

        return Math.CopySign(1 - Erfc(a), x);
    }

    /// <summary>erfc(x) for x ≥ 3, by its continued fraction <c>e^−x² / √π · 1/(x + ½/(x + 1/(x + 3/2/(x + …))))</c>, evaluated from the tail.</summary>
    private static double Erfc(double x)
    {
        if (x > 27)
        {
            return 0; // below double's smallest number
        }

        double tail = x;
        for (int k = 60; k >= 1; k--)
        {
            tail = x + k / 2.0 / tail;
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / tail;
    }
}
