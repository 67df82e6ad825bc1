namespace StaticNet.Tests;

/// <summary>The datasets the tests share, loaded once from the copies the samples ship.</summary>
public static class TestData
{
    private static readonly Lazy<Dataset> LazyIris = new(() => Csv.Load(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"), "species", classCount: 3));

    /// <summary>The 150 iris samples, unscaled, in file order (50 of each class).</summary>
    public static Dataset Iris() => LazyIris.Value;

    /// <summary>Iris standardised (on all samples; for tests that need a network to learn quickly, not for measuring).</summary>
    public static Dataset ScaledIris() => StandardScaler.FitTransform(Iris()).Scaled;
}
