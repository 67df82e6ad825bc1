using System.Reflection;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>The generated code, as users get it, compared against committed baselines; and the rule that it compiles cleanly.</summary>
public class GoldenFileTests
{
    [Theory]
    [InlineData("IrisNet", Sources.Iris)]
    [InlineData("BinaryNet", Sources.Binary)]
    [InlineData("RegressionNet", Sources.Nested)]
    [InlineData("WideNet", Sources.Loops)]
    [InlineData("UnrolledIrisNet", Sources.Unrolled)]
    [InlineData("RegularizedDigitsNet", Sources.LayerKinds)]
    [InlineData("LeNet", Sources.LeNet)]
    public void Generated_code_matches_the_baseline(string name, string source)
    {
        var (result, _) = GeneratorHarness.Run(source);
        GeneratedSourceResult generated = Assert.Single(result.GeneratedSources);
        Snapshot.Match(name + ".g.cs", generated.SourceText.ToString());
    }

    [Fact]
    public void Hint_names_are_namespace_qualified()
    {
        Assert.Equal("Samples.Iris.IrisNet.g.cs", GeneratorHarness.Run(Sources.Iris).Result.GeneratedSources.Single().HintName);
        Assert.Equal("BinaryNet.g.cs", GeneratorHarness.Run(Sources.Binary).Result.GeneratedSources.Single().HintName);
        Assert.Equal("Models.Regression.Outer.RegressionNet.g.cs", GeneratorHarness.Run(Sources.Nested).Result.GeneratedSources.Single().HintName);
    }

    [Fact]
    public void Generated_code_compiles_without_a_single_warning()
    {
        foreach (string source in Sources.All)
        {
            var (_, output) = GeneratorHarness.Run(source);
            Assert.Empty(GeneratorHarness.Problems(output));
        }
    }

    [Fact]
    public void Every_generated_method_stays_inside_the_jit_limits()
    {
        // The JIT compiles a method without optimisation (MinOpts), for good, above 60,000 IL bytes or 2,000 locals
        // (or 20,000 instructions / 2,000 basic blocks, which the byte budget below keeps far away). Checked on the
        // largest unrolled layers and on an MNIST-sized network.
        foreach (string source in Sources.All)
        {
            var (_, output) = GeneratorHarness.Run(source);
            using var stream = new MemoryStream();
            var emitted = output.Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            var context = new System.Runtime.Loader.AssemblyLoadContext("jit-limits", isCollectible: true);
            int largest = 0;
            try
            {
                stream.Position = 0;
                Assembly assembly = context.LoadFromStream(stream);
                foreach (Type type in assembly.GetTypes())
                {
                    foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                    {
                        MethodBody? body = method.GetMethodBody();
                        if (body is null)
                        {
                            continue;
                        }

                        int ilBytes = body.GetILAsByteArray()!.Length;
                        Assert.True(ilBytes < 30_000, $"{type.Name}.{method.Name}: {ilBytes} IL bytes (limit 60,000; budget 30,000)");
                        largest = Math.Max(largest, ilBytes);
                        Assert.True(body.LocalVariables.Count < 1_000, $"{type.Name}.{method.Name}: {body.LocalVariables.Count} locals (limit 2,000)");
                    }
                }
            }
            finally
            {
                context.Unload();
            }

            Assert.True(largest > 0);
        }
    }
}
