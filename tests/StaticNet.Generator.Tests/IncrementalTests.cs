using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Model;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>The incremental pipeline: an unrelated edit reuses the cached spec and output; a shape edit regenerates.</summary>
public class IncrementalTests
{
    private const string Unrelated = "namespace Other; public class Helper { public int Value => 1; }";

    [Fact]
    public void An_unrelated_edit_leaves_the_network_steps_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Sources.Iris, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            old, CSharpSyntaxTree.ParseText("namespace Other; public class Helper { public int Value => 2; }", GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in new[] { NetworkGenerator.ModelStep, NetworkGenerator.PlanStep })
        {
            IncrementalGeneratorRunStep[] steps = result.TrackedSteps[step].ToArray();
            Assert.NotEmpty(steps);
            Assert.All(steps.SelectMany(s => s.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} step was {output.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step was {output.Reason}"));
    }

    [Fact]
    public void Changing_a_layer_width_regenerates_the_network()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Sources.Iris);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Single();
        string wider = Sources.Iris.Replace("[Dense(10, Activation.ReLU)]\n[Dense(3", "[Dense(12, Activation.ReLU)]\n[Dense(3", StringComparison.Ordinal);
        Assert.NotEqual(Sources.Iris, wider);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(wider, GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        IncrementalStepRunReason reason = result.TrackedSteps[NetworkGenerator.ModelStep].Single().Outputs.Single().Reason;
        Assert.Equal(IncrementalStepRunReason.Modified, reason);
        Assert.Contains("public const int ParameterCount = 221;", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Models_between_pipeline_steps_hold_no_compilation_objects()
    {
        // Anything tied to a compilation (symbols, syntax, locations) in a cached model would defeat caching and keep
        // whole compilations alive. Walk every field type reachable from the model and the plan, and from every layer
        // kind's model record (the arrays hold them by their base type).
        Type[] forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SyntaxTree)];
        var seen = new HashSet<Type>();
        Type[] layerModels = typeof(LayerModel).Assembly.GetTypes().Where(t => typeof(LayerModel).IsAssignableFrom(t) && !t.IsAbstract).ToArray();
        Assert.Contains(typeof(Layers.Dense.DenseLayer), layerModels);
        Assert.Contains(typeof(Layers.Conv2D.Conv2DLayer), layerModels);
        Assert.Contains(typeof(Layers.Pooling2D.Pooling2DLayer), layerModels); // one record for the max and average kinds
        var queue = new Queue<Type>([typeof(NetworkModel), typeof(Planning.NetworkPlan), .. layerModels]);
        while (queue.Count > 0)
        {
            Type type = queue.Dequeue();
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                continue;
            }

            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                queue.Enqueue(field.FieldType);
            }

            foreach (Type argument in type.GetGenericArguments())
            {
                queue.Enqueue(argument);
            }
        }

        Assert.Contains(typeof(ParameterTensor), seen);
    }

    [Fact]
    public void Equal_declarations_give_equal_models_and_plans()
    {
        var a = Parse(Sources.Iris);
        var b = Parse(Sources.Iris + "\n// a comment elsewhere");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Parse(Sources.Iris.Replace("Dense(3,", "Dense(4,", StringComparison.Ordinal)));
        Assert.Equal(Planning.NetworkPlanner.Plan(a), Planning.NetworkPlanner.Plan(b));
        Assert.Equal(Planning.NetworkPlanner.Plan(a).GetHashCode(), Planning.NetworkPlanner.Plan(b).GetHashCode());
    }

    private static NetworkModel Parse(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(source);
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("Samples.Iris.IrisNet")!;
        return Parsing.NetworkParser.Parse(type, CancellationToken.None).Model!;
    }
}
