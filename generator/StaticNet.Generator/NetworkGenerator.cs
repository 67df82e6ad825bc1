using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator;

/// <summary>
/// StaticNet's source generator: finds each class marked [Network], parses its shape into an equatable
/// <see cref="NetworkSpec"/>, and emits one file per network. Invalid declarations produce no code here; their diagnostics
/// come from <see cref="Diagnostics.NetworkAnalyzer"/>, which runs the same parser.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the step that turns a [Network] class into its spec.</summary>
    public const string SpecStep = "NetworkSpec";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse((INamedTypeSymbol)context.TargetSymbol, cancellationToken).Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(SpecStep);

        context.RegisterSourceOutput(specs, static (output, spec) =>
            output.AddSource(NetworkEmitter.HintName(spec), NetworkEmitter.Emit(spec)));
    }
}
