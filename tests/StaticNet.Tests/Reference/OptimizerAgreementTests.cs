using System.Text.Json;

namespace StaticNet.Tests.Reference;

/// <summary>
/// RMSprop, Adagrad, Adamax, Nadam and AdamW against PyTorch in float64 (tests/reference/results/optimizers.json, made by
/// optimizer_fixtures.py, which writes out each difference between Keras's rule and PyTorch's and checks the write-out
/// against PyTorch's optimizer): six steps from the same 37 parameters, with gradients that are always 0, large, tiny
/// (where ε decides the step) and ones that stop. 37 elements take every vector width and the scalar tail. Gradient
/// clipping (GlobalClipNorm, ClipValue) through SGD with momentum, against PyTorch's step on Keras's clipped gradient.
/// </summary>
public class OptimizerAgreementTests
{
    private static readonly JsonElement Document =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "optimizers.json"))).RootElement;

    public static TheoryData<string> Names => new(Document.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    /// <summary>The optimizer a case names, built from its settings as a user would (Keras's defaults for the rest).</summary>
    private static Optimizer Create(string optimizer, JsonElement settings)
    {
        float Setting(string name, float fallback) => settings.TryGetProperty(name, out JsonElement v) ? (float)v.GetDouble() : fallback;
        float lr = Setting("learning_rate", float.NaN);
        float? Clip(string name) => settings.TryGetProperty(name, out JsonElement v) ? (float)v.GetDouble() : null;
        return optimizer switch
        {
            "sgd" => new Sgd(lr, momentum: Setting("momentum", 0f)) { GlobalClipNorm = Clip("global_clipnorm"), ClipValue = Clip("clipvalue") },
            "rmsprop" => new RmsProp(lr, rho: Setting("rho", 0.9f), momentum: Setting("momentum", 0f), centered: settings.TryGetProperty("centered", out JsonElement c) && c.GetBoolean()),
            "adagrad" => new Adagrad(lr, initialAccumulatorValue: Setting("initial_accumulator_value", 0.1f)),
            "adamax" => new Adamax(lr, Setting("beta1", 0.9f), Setting("beta2", 0.999f), Setting("epsilon", 1e-7f)),
            "nadam" => new Nadam(lr, Setting("beta1", 0.9f), Setting("beta2", 0.999f)),
            "adamw" => new AdamW(lr, weightDecay: Setting("weight_decay", 0.004f)),
            _ => throw new ArgumentException($"No optimizer {optimizer}."),
        };
    }

    [Fact]
    public void Every_new_optimizer_has_cases()
    {
        string[] optimizers = Document.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("optimizer").GetString()!).Distinct().ToArray();
        Assert.Equal(["rmsprop", "adagrad", "adamax", "nadam", "adamw", "sgd"], optimizers);
        Assert.Equal(13, Names.Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Six_steps_match_pytorch(string name)
    {
        JsonElement c = Document.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        Optimizer optimizer = Create(c.GetProperty("optimizer").GetString()!, c.GetProperty("settings"));
        float[] theta = Floats(Document.GetProperty("initial"));
        float[][] gradients = Document.GetProperty("gradients").EnumerateArray().Select(Floats).ToArray();
        float[][] expected = c.GetProperty("after_steps").EnumerateArray().Select(Floats).ToArray();
        float[] initial = theta.ToArray();
        for (int step = 0; step < gradients.Length; step++)
        {
            optimizer.Step(theta, gradients[step]);
            for (int i = 0; i < theta.Length; i++)
            {
                // float32 against float64 over six steps: parameters of about 0.5 moving by up to 0.3.
                double tolerance = 1e-5 * Math.Abs(expected[step][i]) + 1e-6;
                Assert.True(
                    Math.Abs(theta[i] - expected[step][i]) <= tolerance,
                    $"{name}, step {step + 1}, parameter {i}: {theta[i]:R}, PyTorch {expected[step][i]:R}");
            }
        }

        // Every case moves the parameters that have gradients, and AdamW's decay moves even those that never had one.
        Assert.True(Math.Abs(theta[3] - initial[3]) > 1e-3, "the parameter with the large gradient moved");
        Assert.Equal(name.StartsWith("adamw", StringComparison.Ordinal), theta[0] != initial[0]);
        Assert.Equal(gradients.Length, optimizer.Iterations);
    }
}
