using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Ordinary, legal C# around a network: keyword and Unicode names, names differing only in case, records, primary
/// constructors, nesting. Each must generate without a generator exception, with unique hint names, and compile with
/// no warning and no error anywhere (a problem located in generated code would be StaticNet's fault).
/// </summary>
public class OrdinaryCSharpTests
{
    private const string Shape = "[Network(Loss.MeanSquaredError)] [Input(2)] [Dense(3, Activation.ReLU)] [Dense(1)]";

    public static TheoryData<string, string[]> ValidDeclarations => new()
    {
        { "keyword namespace segment", [$"using StaticNet; namespace Nets.@event {{ {Shape} internal partial class Net; }}"] },
        { "names differing in case", [$"using StaticNet; namespace Nets {{ {Shape} internal partial class Net; {Shape} internal partial class NET; }}"] },
        { "namespaces differing in case", [$"using StaticNet; namespace Foo {{ {Shape} internal partial class Net; }}", $"using StaticNet; namespace foo {{ {Shape} internal partial class Net; }}"] },
        { "keyword class name", [$"using StaticNet; namespace Nets {{ {Shape} internal partial class @class; }}"] },
        // Shrunk from a property-test failure: a contextual keyword re-declared unescaped drew CS8860 in generated code.
        { "contextual keyword class names", [$"using StaticNet; namespace @event {{ internal sealed partial class OUTER {{ {Shape} internal partial class @record; {Shape} internal partial record @dynamic; }} }}"] },
        { "keyword outer struct", [$"using StaticNet; namespace Nets {{ internal partial struct @struct {{ {Shape} internal partial class Net; }} }}"] },
        { "Unicode names", [$"using StaticNet; namespace Réseaux.Ñet {{ {Shape} internal partial class Réseau; {Shape} internal partial class RÉSEAU; }}"] },
        { "record network", [$"using StaticNet; namespace Nets {{ {Shape} internal partial record Net; }}"] },
        { "sealed record in a record struct", [$"using StaticNet; namespace Nets {{ internal partial record struct Holder {{ {Shape} internal sealed partial record Net; }} }}"] },
        { "several declarations of one partial class", [$"using StaticNet; namespace Nets {{ {Shape} internal partial class Net; internal partial class Net {{ public int Extra => 1; }} }}"] },
        { "file-scoped and global namespaces together", [$"using StaticNet; namespace Nets; {Shape} internal partial class Net;", $"using StaticNet; {Shape} internal partial class Net;"] },
        { "user members that do not collide", [$"using StaticNet; namespace Nets {{ {Shape} internal partial class Net {{ public Net(string name) : this() {{ Name = name; }} public string Name {{ get; }} = \"\"; public void Forward(int x) {{ }} }} }}"] },
        { "network in a generic-free nested class chain", [$"using StaticNet; namespace A.B.C {{ internal static partial class Outer {{ internal partial class Middle {{ {Shape} internal partial class Net; }} }} }}"] },
    };

    [Theory]
    [MemberData(nameof(ValidDeclarations))]
    public void Legal_declarations_generate_and_compile_cleanly(string what, string[] sources)
    {
        var (result, output) = GeneratorHarness.Run(sources);
        Assert.NotEmpty(result.GeneratedSources);
        Assert.Equal(
            result.GeneratedSources.Length,
            result.GeneratedSources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(GeneratorHarness.Problems(output).Length == 0, what + ":\n" + string.Join("\n", GeneratorHarness.Problems(output)));
        Assert.Empty(GeneratorHarness.Analyze(sources).Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Names_differing_in_case_get_files_named_apart_in_ordinal_order()
    {
        var (result, _) = GeneratorHarness.Run(
            $"using StaticNet; namespace Nets {{ {Shape} internal partial class Net; {Shape} internal partial class NET; }}",
            $"using StaticNet; namespace Nets.@event {{ {Shape} internal partial class Net; }}");
        Assert.Equal(
            ["Nets.NET.g.cs", "Nets.Net.2.g.cs", "Nets.event.Net.g.cs"],
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Network_on_two_partial_declarations_leaves_the_compiler_error_alone()
    {
        // The compiler reports the duplicate attribute (CS0579); the generator must not throw on a second file of the
        // same name, and the project's other networks keep their code.
        string[] sources =
        [
            $"using StaticNet; namespace Nets {{ {Shape} internal partial class Net; }}",
            "using StaticNet; namespace Nets { [Network(Loss.MeanSquaredError)] internal partial class Net; }",
            $"using StaticNet; namespace Nets {{ {Shape} internal partial class Other; }}",
        ];
        var (result, output) = GeneratorHarness.Run(sources);
        Assert.Equal(["Nets.Net.g.cs", "Nets.Other.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["CS0579"], GeneratorHarness.Diagnostics(output).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).ToArray());
    }
}
