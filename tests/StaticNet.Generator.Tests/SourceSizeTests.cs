extern alias runtime;

using System.Reflection;
using StaticNet.Generator.Layers.Dense;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Tests.Infrastructure;
using INetwork = runtime::StaticNet.INetwork;

namespace StaticNet.Generator.Tests;

/// <summary>
/// No accepted declaration generates more than about 1 MB of source: past <see cref="NetworkPlanner.SourceBudget"/> the
/// largest layers are written compactly (calls to the runtime's reference passes), and the compact code computes what
/// the specialised code does.
/// </summary>
public class SourceSizeTests
{
    private static string Repeat(string layer, int times) => string.Concat(Enumerable.Repeat(layer, times));

    public static TheoryData<string> LargeDeclarations => new()
    {
        "[Input(1)] [Dense(32000)] [Dense(1)]",
        "[Input(4)]" + Repeat("[Dense(4, Activation.ReLU)]", 99) + "[Dense(1)]",
        "[Input(16)]" + Repeat("[Dense(16, Activation.ReLU)][BatchNormalization][Dropout(0.1)]", 33) + "[Dense(1)]",
        "[Input(31)]" + Repeat("[Dense(31, Activation.LeakyReLU)]", 99) + "[Dense(1)]",
        "[Input(2)]" + Repeat("[Dense(1000, Activation.ReLU)]", 10) + "[Dense(1)]",
        "[Input(128)]" + Repeat("[Dense(9, Activation.Tanh)][Dense(128, Activation.Sigmoid)]", 20) + "[Dense(1)]",
    };

    [Theory]
    [MemberData(nameof(LargeDeclarations))]
    public void Large_declarations_stay_under_a_megabyte_and_compile_cleanly(string shape)
    {
        var (result, output) = GeneratorHarness.Run($"using StaticNet; [Network(Loss.MeanSquaredError)] {shape} internal partial class N;");
        string code = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.True(code.Length < 1_000_000, $"{code.Length:N0} characters");
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void The_planner_estimate_bounds_each_specialised_layer()
    {
        string Generate(string layers) => GeneratorHarness.Generate($"using StaticNet; [Network(Loss.MeanSquaredError)] {layers} internal partial class N;");
        foreach (int inputs in new[] { 1, 3, 8, 17, 64, 256 })
        {
            string without = Generate($"[Input({inputs})] [Dense(1)]");
            foreach (int units in new[] { 1, 4, 9, 31, 33, 64, 256, 1000 })
            {
                foreach (string activation in new[] { "ReLU", "Tanh" })
                {
                    NetworkPlan plan = Declarations.Plan(Loss.MeanSquaredError, [Declarations.Input(inputs), Declarations.Dense(units, Enum.Parse<Activation>(activation)), Declarations.Dense(1)]);
                    var dense = (Layers.Dense.DenseLayer)plan.Layers[0].Layer;
                    // The layer, and what it changes in the Dense(1) after it (now of `units` inputs, not `inputs`).
                    int estimate = DensePlanner.EstimatedChars(dense, plan.Layers[0].Dense().Strategy) + NetworkPlanner.NetworkCharsPerLayer
                        + MatrixProduct.NarrowKernelGradientChars(units, 1) - MatrixProduct.NarrowKernelGradientChars(inputs, 1);
                    int actual = Generate($"[Input({inputs})] [Dense({units}, Activation.{activation})] [Dense(1)]").Length - without.Length;
                    Assert.True(actual <= estimate, $"{inputs} × {units} {activation}: {actual:N0} characters, estimated {estimate:N0}");
                }
            }
        }
    }

    [Fact]
    public void Networks_within_the_budget_are_not_made_compact()
    {
        // The benchmarked networks keep their specialised code.
        foreach (DeclaredLayerList layers in new DeclaredLayerList[]
        {
            new([Declarations.Input(4), Declarations.Dense(10, Activation.ReLU), Declarations.Dense(10, Activation.ReLU), Declarations.Dense(3, Activation.Softmax)]),
            new([Declarations.Input(784), Declarations.Dense(128, Activation.ReLU), Declarations.Dense(10, Activation.Softmax)]),
            new([Declarations.Input(32), .. Enumerable.Repeat(Declarations.Dense(32, Activation.ReLU), 8), Declarations.Dense(1)]),
        })
        {
            Loss loss = layers.Items[^1].GetInt("activation", 0) == (int)Activation.Softmax ? Loss.SparseCategoricalCrossEntropy : Loss.MeanSquaredError;
            Assert.DoesNotContain(Declarations.Plan(loss, layers.Items).Layers, l => l.Dense().Compact);
        }
    }

    [Fact]
    public void Compact_layers_compute_the_forward_pass_and_gradient()
    {
        // 60 tanh layers of 24 units: past the budget, so most are compact (checked), the rest specialised.
        string shape = "[Input(5)]" + Repeat("[Dense(24, Activation.Tanh)]", 60) + "[Dense(2)]";
        var (result, output) = GeneratorHarness.Run($"using StaticNet; namespace Deep; [Network(Loss.MeanSquaredError)] {shape} public partial class N;");
        string code = Assert.Single(result.GeneratedSources).SourceText.ToString();
        int compact = System.Text.RegularExpressions.Regex.Matches(code, @"dense_\d+ compact,").Count;
        Assert.InRange(compact, 30, 60);

        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
        var context = new System.Runtime.Loader.AssemblyLoadContext("compact", isCollectible: true);
        try
        {
            stream.Position = 0;
            Assembly assembly = context.LoadFromStream(stream);
            var network = (INetwork)Activator.CreateInstance(assembly.GetType("Deep.N")!, 3)!;
            float[] input = [0.3f, -0.7f, 1.1f, 0.05f, -0.4f];
            float[] target = [0.5f, -0.25f];

            // Forward against the runtime's reference, layer by layer.
            float[] x = input;
            int offset = 0;
            int[] widths = [5, .. Enumerable.Repeat(24, 60), 2];
            for (int l = 0; l + 1 < widths.Length; l++)
            {
                int inputs = widths[l], units = widths[l + 1];
                float[] y = new float[units];
                runtime::StaticNet.Generated.DenseReference.Forward(
                    network.Parameters.Slice(offset, inputs * units), network.Parameters.Slice(offset + inputs * units, units), x, y, 1, inputs, units,
                    runtime::StaticNet.Activation.Tanh, 0.2f, activate: l + 2 < widths.Length);
                offset += inputs * units + units;
                x = y;
            }

            float[] forward = new float[2];
            network.Forward(input, forward);
            Assert.Equal(x[0], forward[0], 1e-5f);
            Assert.Equal(x[1], forward[1], 1e-5f);

            // The gradient against central differences of the loss, on weights of compact and specialised layers alike.
            float[] gradient = new float[network.ParameterCount];
            network.TrainStep(input, target, gradient, new float[2]);
            foreach (int index in new[] { 0, 17, 150, 1_000, 5_000, 20_000, network.ParameterCount - 3 })
            {
                float saved = network.Parameters[index];
                const float h = 1e-2f;
                network.Parameters[index] = saved + h;
                double plus = network.ComputeLoss(input, target, new float[2]);
                network.Parameters[index] = saved - h;
                double minus = network.ComputeLoss(input, target, new float[2]);
                network.Parameters[index] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[index]) <= 2e-3 + 2e-2 * Math.Abs(numeric), $"parameter {index}: analytic {gradient[index]}, numeric {numeric}");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>A declaration's layers, so a theory can list several.</summary>
    internal sealed record DeclaredLayerList(StaticNet.Generator.Parsing.DeclaredLayer[] Items);
}
