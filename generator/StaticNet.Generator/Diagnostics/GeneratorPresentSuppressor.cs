using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// Silences SNET0100, the runtime's "the generator is not part of this build" marker on <c>[Network]</c>'s constructor
/// (see <c>NetworkAttribute</c>): this assembly being loaded is the proof that the generator is.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratorPresentSuppressor : DiagnosticSuppressor
{
    private static readonly SuppressionDescriptor Present = new(
        id: "SNETS0100",
        suppressedDiagnosticId: "SNET0100",
        justification: "StaticNet's source generator is part of this build.");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = [Present];

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            context.ReportSuppression(Suppression.Create(Present, diagnostic));
        }
    }
}
