using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// Reports StaticNet's diagnostics. It runs the generator's own parser, so what it reports is exactly why the generator
/// produced nothing; keeping diagnostics here (as the Roslyn cookbook recommends) keeps locations out of the generator's
/// cached pipeline.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? networkAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.NetworkAttribute);
            if (networkAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    foreach (AttributeData attribute in type.GetAttributes())
                    {
                        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, networkAttribute))
                        {
                            foreach (Diagnostic diagnostic in NetworkParser.Parse(type, symbolContext.CancellationToken).Diagnostics)
                            {
                                symbolContext.ReportDiagnostic(diagnostic);
                            }

                            return;
                        }
                    }

                    if (NetworkParser.CheckShapeWithoutNetwork(type, symbolContext.CancellationToken) is { } missingNetwork)
                    {
                        symbolContext.ReportDiagnostic(missingNetwork);
                    }
                },
                SymbolKind.NamedType);
        });
    }
}
