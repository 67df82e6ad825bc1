using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Legal C# that cannot coexist with the generated half — names and members that collide with generated ones, primary
/// constructors, bases the generated constructors cannot call — gets one SNET diagnostic on the user's code and no
/// compiler diagnostic inside generated code.
/// </summary>
public class CollisionTests
{
    private const string Shape = "[Network(Loss.MeanSquaredError)] [Input(2)] [Dense(3, Activation.ReLU)] [Dense(1)]";

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string name in new[] { "Parameters", "Forward", "Summary", "Layers", "InputSize", "TrainStep", "Dense1Kernel", "InitializeParameters", "Dense2ForwardBatch" })
        {
            cases.Add("SNET0023", $"{Shape} internal partial class {name};");
        }

        foreach (string member in new[]
        {
            "public N() { }",
            "public N(int size) { }",
            "public void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }",
            "public int InputSize => 2;",
            "private readonly float[] _parameters = new float[3];",
            "public static string Summary() => \"\";",
            "public float[] Dense1Kernel = [];",
            "public int Forward { get; set; }",
            "private static int TrainingTile(int n) => n;",
        })
        {
            cases.Add("SNET0024", $"{Shape} internal partial class N {{ {member} }}");
        }

        cases.Add("SNET0025", $"{Shape} internal partial class N(int size) {{ public int Size => size; }}");
        cases.Add("SNET0025", $"{Shape} internal partial record N(string Name);");
        // Legal C# on its own (the user's constructor calls the base), but the generated N() and N(int) could not.
        cases.Add("SNET0026", $"internal class Base {{ public Base(int x) {{ }} }} {Shape} internal partial class N : Base {{ public N(string s) : base(1) {{ }} }}");
        cases.Add("SNET0026", $"internal class Base {{ private Base() {{ }} public Base(int x) {{ }} }} {Shape} internal partial class N : Base {{ public N(string s) : base(1) {{ }} }}");
        cases.Add("SNET0027", $"{Shape} internal partial class Base; {Shape} internal partial class N : Base;");
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_collision_is_one_diagnostic_on_the_users_code(string id, string declaration)
    {
        string source = "using StaticNet;\nnamespace Nets;\n" + declaration;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source).Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);

        // Nothing the compiler reports lies in generated code; user code may carry its own errors only where C# itself
        // refuses it (none of these cases does).
        var (_, output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void Members_that_merely_share_a_name_are_legal_overloads()
    {
        string source = $$"""
            using StaticNet;
            namespace Nets;
            {{Shape}}
            internal partial class N
            {
                public N(string name) : this(seed: 1) { Name = name; }
                public string Name { get; } = "";
                public void Forward(float[] input, float[] output) => Forward(new System.ReadOnlySpan<float>(input), new System.Span<float>(output));
                public float TrainStep(int steps) => steps;
                public int Dense10 => 10; // a prefix of no layer this network has
            }
            """;
        Assert.Empty(GeneratorHarness.Analyze(source));
        var (_, output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public async Task The_analyzer_does_not_mistake_generated_members_for_the_users()
    {
        // In a real build the analyzer sees the generated half too.
        foreach (string source in Sources.All)
        {
            var (_, output) = GeneratorHarness.Run(source);
            var diagnostics = await output.WithAnalyzers([new StaticNet.Generator.Diagnostics.NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(diagnostics.Where(d => d.Id is "SNET0023" or "SNET0024"));
        }
    }

    [Fact]
    public void The_catalogue_of_generated_members_covers_every_generated_member()
    {
        foreach (string source in Sources.All)
        {
            var (result, output) = GeneratorHarness.Run(source);
            SyntaxTree[] generated = output.SyntaxTrees.Where(t => result.GeneratedSources.Any(g => t.FilePath.EndsWith(g.HintName, StringComparison.Ordinal))).ToArray();
            foreach (SyntaxTree tree in generated)
            {
                SemanticModel model = output.GetSemanticModel(tree);
                // The network types (the generated declarations with attributes), not the types nested in them (a
                // StreamState's inline array), whose members no user code can collide with.
                foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>()
                    .Where(t => t.AttributeLists.Count > 0 && !t.Ancestors().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().Any(a => a.AttributeLists.Count > 0)))
                {
                    var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
                    string[] prefixes = LayerPrefixes(type);
                    foreach (ISymbol member in type.GetMembers().Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.SourceTree == tree)))
                    {
                        bool covered = member switch
                        {
                            IMethodSymbol { MethodKind: MethodKind.Constructor } c => GeneratedMembers.Constructors.Contains(DeclarationChecks.Signature(c)),
                            IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation or MethodKind.PropertyGet or MethodKind.StaticConstructor } => true,
                            IMethodSymbol m => GeneratedMembers.MethodCollides(m.Name, DeclarationChecks.Signature(m), prefixes),
                            IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 } => true,
                            _ => GeneratedMembers.IsReserved(member.Name, prefixes),
                        };
                        Assert.True(covered, $"{type.Name}.{member.Name} ({member.Kind}, {(member as IMethodSymbol)?.Parameters.Length} parameters) is generated but not in GeneratedMembers");
                    }
                }
            }
        }
    }

    /// <summary>
    /// Each layer's member prefix as the generator names it (its kind's type and its number among layers of that kind:
    /// <c>MaxPooling2D1</c>), from the attributes of the user's declaration in order.
    /// </summary>
    private static string[] LayerPrefixes(INamedTypeSymbol type)
    {
        var numbers = new Dictionary<string, int>();
        var prefixes = new List<string>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string name = attribute.AttributeClass!.Name;
            string kindType = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
            if (StaticNet.Generator.Layers.LayerKinds.ByType(kindType) is { } kind)
            {
                numbers[kind.Type] = numbers.GetValueOrDefault(kind.Type) + 1;
                prefixes.Add(kind.Type + numbers[kind.Type]);
            }
        }

        return prefixes.ToArray();
    }
}
