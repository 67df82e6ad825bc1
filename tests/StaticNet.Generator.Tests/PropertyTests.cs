using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Property tests over random declarations of the shapes users write: every namespace form (keywords, Unicode, nesting,
/// names differing in case), enclosing partial types of every kind, records, several networks per file and per
/// namespace, file-local neighbours. Valid ones generate without an exception, compile with no warning anywhere and no
/// analyzer diagnostic; a single mutation gives exactly its SNET diagnostic and nothing else. CsCheck shrinks a failure
/// to a small declaration and prints its seed (set STATICNET_PROPERTY_SEED to replay it); shrunk failures become
/// ordinary tests in <see cref="OrdinaryCSharpTests"/> and <see cref="CollisionTests"/>.
/// </summary>
public class PropertyTests
{
    private static readonly string? Seed = Environment.GetEnvironmentVariable("STATICNET_PROPERTY_SEED");

    private static readonly string[] NamespaceSegments = ["Nets", "@event", "Réseaux", "Ñet", "A", "a", "@class", "Models_2", "ΔNet"];
    private static readonly string[] TypeNames = ["Net", "NET", "Réseau", "RÉSEAU", "@class", "@record", "Iris_Net", "Ñandú", "Model2", "Δ"];
    private static readonly string[] Containers = ["partial class", "partial struct", "partial record", "partial record struct", "static partial class", "sealed partial class"];
    private static readonly string[] NetworkKinds = ["partial class", "sealed partial class", "partial record", "sealed partial record"];

    /// <summary>A network's shape: an [Input] and layers that fit its loss.</summary>
    private static readonly Gen<string> ShapeGen =
        from inputs in Gen.Int[1, 6]
        from hidden in Gen.Int[4, 12].Select(Gen.OneOf("ReLU", "Tanh", "Sigmoid", "Linear", "LeakyReLU", "ELU", "SELU", "Softplus", "HardSigmoid"), Gen.OneOf("", "[Dropout(0.25)]", "[BatchNormalization]")).Array[0, 2]
        from output in Gen.OneOf(
            ("MeanSquaredError", "[Dense(1)]"),
            ("MeanSquaredError", "[Dense(3, Activation.Tanh)]"),
            ("Huber", "[Dense(2)]"),
            ("LogCosh", "[Dense(1, Activation.Softplus)]"),
            ("SparseCategoricalCrossEntropy", "[Dense(3, Activation.Softmax)]"),
            ("BinaryCrossEntropy", "[Dense(1, Activation.Sigmoid)]"))
        select $"[Network(Loss.{output.Item1})] [Input({inputs})] "
            + string.Concat(hidden.Select(h => $"[Dense({h.Item1}, Activation.{h.Item2})]{h.Item3} "))
            + output.Item2;

    private sealed record Scope(string[] Namespace, bool FileScoped, string[] ContainerKinds, string[] ContainerNames, (string Kind, string Name, string Shape)[] Networks);

    private static readonly Gen<Scope> ScopeGen =
        from ns in Gen.OneOf(NamespaceSegments).Array[0, 3]
        from fileScoped in Gen.Bool
        from depth in Gen.Int[0, 2]
        from containerKinds in Gen.OneOf(Containers).Array[depth]
        from containerNames in Gen.OneOf(["Outer", "OUTER", "@struct", "Hölle"]).Array[depth]
        from networks in Gen.Select(Gen.OneOf(NetworkKinds), Gen.OneOf(TypeNames), ShapeGen).Array[1, 3]
        select new Scope(ns, fileScoped && ns.Length > 0, containerKinds, containerNames,
            networks.DistinctBy(n => n.Item2.TrimStart('@'), StringComparer.Ordinal).Select(n => (n.Item1, n.Item2, n.Item3)).ToArray());

    /// <summary>One file: its scope, a file-local neighbour, and the networks.</summary>
    private static string Render(Scope scope)
    {
        var w = new System.Text.StringBuilder("using StaticNet;\n");
        string ns = string.Join(".", scope.Namespace);
        if (scope.FileScoped)
        {
            w.Append($"namespace {ns};\n");
        }
        else if (ns.Length > 0)
        {
            w.Append($"namespace {ns} {{\n");
        }

        w.Append("file sealed class Helper { }\n");
        foreach (var (kind, name) in scope.ContainerKinds.Zip(scope.ContainerNames))
        {
            w.Append($"internal {kind} {name} {{\n");
        }

        foreach (var (kind, name, shape) in scope.Networks)
        {
            w.Append($"{shape}\ninternal {kind} {name};\n");
        }

        w.Append(new string('}', scope.ContainerKinds.Length)).Append('\n');
        if (!scope.FileScoped && ns.Length > 0)
        {
            w.Append("}\n");
        }

        return w.ToString();
    }

    /// <summary>Nesting names the same container twice is not legal C#; neither are two files declaring one container as different kinds.</summary>
    private static bool Legal(Scope[] files)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Scope scope in files)
        {
            string path = string.Join(".", scope.Namespace);
            for (int i = 0; i < scope.ContainerNames.Length; i++)
            {
                if (scope.ContainerNames.Take(i).Contains(scope.ContainerNames[i]))
                {
                    return false;
                }

                path += "/" + scope.ContainerNames[i];
                if (kinds.TryGetValue(path, out string? kind) && kind != scope.ContainerKinds[i])
                {
                    return false;
                }

                kinds[path] = scope.ContainerKinds[i];
                if (scope.Networks.Any(n => n.Name == scope.ContainerNames[i]))
                {
                    return false;
                }
            }
        }

        // A network declared in two files would be one partial class with two [Network] attributes.
        var networks = files.SelectMany(f => f.Networks.Select(n => string.Join(".", f.Namespace) + "/" + string.Join("/", f.ContainerNames) + "/" + n.Name.TrimStart('@')));
        // A type and a namespace of one name in one namespace (e.g. a network @class beside namespace @class) is CS0101.
        var segments = files.SelectMany(f => f.Namespace).Select(s => s.TrimStart('@')).ToHashSet(StringComparer.Ordinal);
        return networks.Count() == networks.Distinct(StringComparer.Ordinal).Count()
            && !files.Any(f => f.Networks.Any(n => segments.Contains(n.Name.TrimStart('@'))) || f.ContainerNames.Any(c => segments.Contains(c.TrimStart('@'))));
    }

    [Fact]
    [Trait("Category", "Slow")] // compiles a hundred generated networks
    public void Random_valid_declarations_generate_and_compile_without_a_warning()
    {
        Gen<Scope[]> files = ScopeGen.Array[1, 3].Where(Legal);
        files.Sample(
            scopes =>
            {
                string[] sources = scopes.Select(Render).ToArray();
                var (result, output) = GeneratorHarness.Run(sources); // asserts no generator exception
                Assert.Equal(scopes.Sum(s => s.Networks.Length), result.GeneratedSources.Length);
                Assert.Equal(result.GeneratedSources.Length, result.GeneratedSources.Select(g => g.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
                Assert.Empty(GeneratorHarness.Problems(output));
                var analyzed = output.WithAnalyzers([new StaticNet.Generator.Diagnostics.NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                Assert.Empty(analyzed.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            },
            seed: Seed,
            iter: 40,
            print: scopes => string.Join("\n----\n", scopes.Select(Render)));
    }

    /// <summary>Single mutations of a valid declaration and the one diagnostic each must give.</summary>
    private static readonly (string Id, Func<string, string, string> Apply)[] Mutations =
    [
        ("SNET0001", (shape, name) => $"{shape}\ninternal class {name};"),
        ("SNET0002", (shape, name) => $"{System.Text.RegularExpressions.Regex.Replace(shape, @"\[Input\(\d+\)\]", "")}\ninternal partial class {name};"),
        ("SNET0005", (shape, name) => $"{shape.Replace("[Input(", "[Input(-", StringComparison.Ordinal)}\ninternal partial class {name};"),
        ("SNET0012", (shape, name) => $"{shape}\ninternal static partial class {name};"),
        ("SNET0019", (shape, name) => $"{new System.Text.RegularExpressions.Regex(@"\[Input\(\d+\)\]").Replace(shape, m => m.Value + " [Dense(4)] [Dropout(1.5)]", 1)}\ninternal partial class {name};"),
        ("SNET0022", (shape, name) => $"{shape}\nfile partial class {name};"),
        ("SNET0023", (shape, _) => $"{shape}\ninternal partial class Forward;"),
        ("SNET0024", (shape, name) => $"{shape}\ninternal partial class {name} {{ public int OutputSize => 0; }}"),
        ("SNET0025", (shape, name) => $"{shape}\ninternal partial class {name}(int size) {{ public int Size => size; }}"),
        ("SNET0028", (shape, name) => $"{shape.Replace("[Network(", "[System.Obsolete(\"x\", false)] // (", StringComparison.Ordinal)}\ninternal partial class {name};"),
    ];

    [Fact]
    public void A_single_mutation_gives_exactly_its_diagnostic()
    {
        Gen<(string Shape, string Name, int Mutation, string Namespace)> cases =
            Gen.Select(ShapeGen, Gen.OneOf("Net", "NET", "Réseau", "@class"), Gen.Int[0, Mutations.Length - 1], Gen.OneOf("", "namespace Nets;", "namespace Nets.@event;"));
        cases.Sample(
            c =>
            {
                var (id, apply) = Mutations[c.Mutation];
                string source = $"using StaticNet;\n{c.Namespace}\n{apply(c.Shape, c.Name)}";
                if (id == "SNET0028")
                {
                    source = source.Replace("[System.Obsolete(\"x\", false)] // (", "[System.Obsolete(\"x\", false)] /* ", StringComparison.Ordinal)
                        .Replace(")] [Input", ") */ [Input", StringComparison.Ordinal);
                }

                var (_, output) = GeneratorHarness.Run(source);
                var analyzed = output.WithAnalyzers([new StaticNet.Generator.Diagnostics.NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                Assert.Equal([id], analyzed.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).ToArray());
                Assert.DoesNotContain(GeneratorHarness.Diagnostics(output), d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
                Assert.DoesNotContain(GeneratorHarness.Diagnostics(output), d => d.Severity == DiagnosticSeverity.Error);
            },
            seed: Seed,
            iter: 60,
            print: c => $"{Mutations[c.Mutation].Id}:\n{c.Namespace}\n{Mutations[c.Mutation].Apply(c.Shape, c.Name)}");
    }
}
