using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>SNET0100: a build with the runtime but not the generator says so on every [Network], with the fix.</summary>
public class MissingGeneratorTests
{
    [Fact]
    public void Without_the_generator_each_network_gets_snet0100_naming_the_fix()
    {
        Compilation compilation = GeneratorHarness.Compilation(Sources.Iris);
        Diagnostic marker = Assert.Single(compilation.GetDiagnostics(), d => d.Id == "SNET0100");
        Assert.Equal(DiagnosticSeverity.Warning, marker.Severity);
        Assert.Contains("source generator is not part of this build", marker.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\"", marker.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("Network(Loss.SparseCategoricalCrossEntropy)", marker.Location.SourceTree!.GetText().ToString(marker.Location.SourceSpan));
    }

    [Fact]
    public void With_the_generator_the_marker_is_suppressed()
    {
        var (_, output) = GeneratorHarness.Run(Sources.Iris);
        Assert.Contains(output.GetDiagnostics(), d => d.Id == "SNET0100"); // reported by the compiler …
        Assert.DoesNotContain(GeneratorHarness.Diagnostics(output), d => d.Id == "SNET0100"); // … and suppressed by the generator's assembly
    }
}
