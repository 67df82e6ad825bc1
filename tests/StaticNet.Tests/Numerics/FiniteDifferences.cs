namespace StaticNet.Tests.Numerics;

/// <summary>Central finite differences of a double-precision loss, and the tolerance the gradient checks hold float32 code to.</summary>
internal static class FiniteDifferences
{
    // |g − fd| ≤ 1e-3 · max(|fd|, 1e-3 · max|fd|, 1e-6): the floor keeps elements that are nearly zero by cancellation
    // from demanding more than float32 precision of their summands.
    private const double RelativeTolerance = 1e-3;
    private const double Step = 1e-6;

    /// <summary>Asserts <paramref name="gradient"/> is the gradient of <paramref name="loss"/> at <paramref name="parameters"/>.</summary>
    public static void AssertGradient(INetwork network, ReadOnlySpan<float> gradient, double[] parameters, Func<double[], double> loss, string what)
    {
        double[] theta = (double[])parameters.Clone();
        var fd = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            double saved = theta[k];
            theta[k] = saved + Step;
            double plus = loss(theta);
            theta[k] = saved - Step;
            double minus = loss(theta);
            theta[k] = saved;
            fd[k] = (plus - minus) / (2 * Step);
        }

        double largest = fd.Max(Math.Abs);
        Assert.True(largest > 0, $"{what}: the reference gradient is identically zero, so the check would prove nothing.");
        for (int k = 0; k < theta.Length; k++)
        {
            double scale = Math.Max(Math.Abs(fd[k]), Math.Max(1e-3 * largest, 1e-6));
            double error = Math.Abs(gradient[k] - fd[k]) / scale;
            Assert.True(
                error < RelativeTolerance,
                $"{what}, parameter {k} ({GradientCheckTests.Where(network, k)}): generated {gradient[k]:G9}, finite difference {fd[k]:G9}, relative error {error:G3}.");
        }
    }
}
