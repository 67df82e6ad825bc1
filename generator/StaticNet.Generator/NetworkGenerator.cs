using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator;

/// <summary>
/// StaticNet's source generator: finds each class marked [Network], parses its shape into an equatable
/// <see cref="NetworkModel"/>, plans its code (<see cref="NetworkPlanner"/>), and emits one file per network. Invalid
/// declarations produce no code here; their diagnostics come from <see cref="Diagnostics.NetworkAnalyzer"/>, which runs
/// the same parser.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the step that turns a [Network] class into its model.</summary>
    public const string ModelStep = "NetworkModel";

    /// <summary>The tracking name of the step that plans a model's code.</summary>
    public const string PlanStep = "NetworkPlan";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkPlan> plans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse((INamedTypeSymbol)context.TargetSymbol, cancellationToken).Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(ModelStep)
            .Select(static (model, _) => NetworkPlanner.Plan(model))
            .WithTrackingName(PlanStep);

        context.RegisterSourceOutput(plans, static (output, plan) =>
            output.AddSource(NetworkEmitter.HintName(plan.Network), NetworkEmitter.Emit(plan)));
    }
}
