extern alias runtime;

using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generator;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Tests.Infrastructure;

/// <summary>
/// Drives the generator and the analyzer directly over in-memory sources, with .NET 10 reference assemblies from
/// Basic.Reference.Assemblies (nothing downloaded at test time) plus StaticNet's runtime.
/// </summary>
internal static class GeneratorHarness
{
    // Diagnose mode makes missing XML documentation on public generated members a warning, which the tests then forbid.
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(runtime::StaticNet.NetworkAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location),
    ];

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "StaticNetGeneratorTests",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation with the generated files added.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (result, output);
    }

    /// <summary>The generated source of the single network in <paramref name="source"/>.</summary>
    public static string Generate(string source) => Run(source).Result.GeneratedSources.Single().SourceText.ToString();

    /// <summary>What the analyzer reports (the compiler's own diagnostics are not included).</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources) =>
        Compilation(sources)
            .WithAnalyzers([new NetworkAnalyzer()])
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();

    /// <summary>
    /// The compiler's diagnostics of <paramref name="output"/> as a build with the generator sees them: the generator
    /// assembly's suppressor silences SNET0100, the runtime's "no generator in this build" marker.
    /// </summary>
    public static ImmutableArray<Diagnostic> Diagnostics(Compilation output) =>
        [
            .. output.WithAnalyzers([new GeneratorPresentSuppressor()]).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Where(d => !d.IsSuppressed),
        ];

    /// <summary>Compiler warnings and errors of the output compilation, formatted for an assertion message.</summary>
    public static string[] Problems(Compilation output) => Diagnostics(output)
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .Select(d => d.ToString())
        .ToArray();
}
