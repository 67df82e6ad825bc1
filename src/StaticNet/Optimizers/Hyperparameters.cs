using System.Globalization;

namespace StaticNet;

/// <summary>
/// Checks of optimizer hyperparameters at construction: a NaN learning rate would otherwise train every parameter into
/// NaN, and a negative one train uphill, without a word.
/// </summary>
internal static class Hyperparameters
{
    public static float LearningRate(float value, string name) =>
        float.IsFinite(value) && value > 0f ? value : throw Out(name, value, "The learning rate must be a finite number > 0");

    /// <summary>β1, β2 and momentum: in [0, 1).</summary>
    public static float Fraction(float value, string name) =>
        value is >= 0f and < 1f ? value : throw Out(name, value, $"{Describe(name)} must be in [0, 1)");

    public static float Epsilon(float value, string name) =>
        float.IsFinite(value) && value > 0f ? value : throw Out(name, value, "Epsilon must be a finite number > 0");

    private static ArgumentOutOfRangeException Out(string name, float value, string rule) =>
        new(name, value, $"{rule}, but is {value.ToString("R", CultureInfo.InvariantCulture)}.");

    private static string Describe(string name) => name switch
    {
        "beta1" => "β1 (beta1)",
        "beta2" => "β2 (beta2)",
        "momentum" => "Momentum",
        _ => name,
    };
}
