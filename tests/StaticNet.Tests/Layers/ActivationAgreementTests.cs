using System.Text.Json;
using StaticNet.Generated;

namespace StaticNet.Tests.Layers;

/// <summary>
/// Every element-wise activation added for Keras 3 against PyTorch's float64 value and autograd derivative
/// (tests/reference/results/activations.json, made by activation_fixtures.py), from −30 to 30: the tails, 0 and ±1e-6
/// where a naive formula loses digits, and the hard sigmoid's corners. The derivative is taken as the network's backward
/// pass takes it: through the output, or through the input for GELU and SiLU.
/// </summary>
public class ActivationAgreementTests
{
    private static readonly JsonElement Document =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "activations.json"))).RootElement;

    public static TheoryData<string> Names => new(Document.GetProperty("activations").EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_and_derivatives_match_pytorch(string name)
    {
        var activation = Enum.Parse<Activation>(name);
        float[] points = Document.GetProperty("points").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        JsonElement expected = Document.GetProperty("activations").GetProperty(name);
        double[] values = expected.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] derivatives = expected.GetProperty("derivatives").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        float[] outputs = points.ToArray();
        Activations.Apply(activation, outputs);
        var gradient = Enumerable.Repeat(1f, points.Length).ToArray();
        Activations.Backward(activation, points, outputs, gradient);
        for (int i = 0; i < points.Length; i++)
        {
            // A float32 result: relative 1e-6, or 1e-12 absolute near 0 (a tail's e^−30).
            Assert.True(Math.Abs(outputs[i] - values[i]) <= 1e-6 * Math.Abs(values[i]) + 1e-12, $"{name}({points[i]:R}) = {outputs[i]:R}, PyTorch {values[i]:R}");

            // Through the output, a derivative near 0 keeps the output's absolute rounding (ELU's a + 1 at z = −30).
            Assert.True(Math.Abs(gradient[i] - derivatives[i]) <= 1e-5 * Math.Abs(derivatives[i]) + 1e-7, $"{name}'({points[i]:R}) = {gradient[i]:R}, PyTorch {derivatives[i]:R}");
        }
    }

    [Fact]
    public void Gelu_and_silu_refuse_a_backward_pass_from_the_output_alone()
    {
        float[] output = [0.5f];
        string message = Assert.Throws<ArgumentException>(() => Activations.Backward(Activation.GELU, output, new float[1])).Message;
        Assert.Contains("GELU's derivative needs its input", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_function_is_exact_to_1e13_where_gelu_reads_it()
    {
        // Reference values of erf (Abramowitz and Stegun's table, and erf's symmetry).
        Assert.Equal(0.0, SpecialFunctions.Erf(0));
        Assert.Equal(0.52049987781304654, SpecialFunctions.Erf(0.5), 1e-15);
        Assert.Equal(0.84270079294971487, SpecialFunctions.Erf(1), 1e-15);
        Assert.Equal(0.99532226501895273, SpecialFunctions.Erf(2), 1e-15);
        Assert.Equal(0.99997790950300141, SpecialFunctions.Erf(3), 1e-15);
        Assert.Equal(0.99999999999846256, SpecialFunctions.Erf(5), 1e-15);
        Assert.Equal(-0.84270079294971487, SpecialFunctions.Erf(-1), 1e-15);
        Assert.Equal(1.0, SpecialFunctions.Erf(40));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));

        // Smooth where the series hands over to the continued fraction: the step across 3 is the slope's, 2/√π e^−9 · 2e-7.
        Assert.Equal(2e-7 * 2 / Math.Sqrt(Math.PI) * Math.Exp(-9), SpecialFunctions.Erf(3.0000001) - SpecialFunctions.Erf(2.9999999), 1e-13);
    }
}
