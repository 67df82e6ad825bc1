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

    /// <summary>The tracking name of the step that gathers every network's full name for the file names.</summary>
    public const string NamesStep = "NetworkNames";

    /// <summary>The tracking name of the step that plans a model's code.</summary>
    public const string PlanStep = "NetworkPlan";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkModel> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                {
                    var type = (INamedTypeSymbol)context.TargetSymbol;
                    return NetworkParser.IsReadDeclaration(type, context.TargetNode, cancellationToken)
                        ? NetworkParser.Parse(type, cancellationToken).Model
                        : null;
                })
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(ModelStep);

        // Every network's full name, so that names differing only in case get distinct files (see HintNames). The table
        // changes only when a network is added, removed or renamed, so an edit inside one network re-emits only that one.
        IncrementalValueProvider<EquatableArray<string>> names = models
            .Select(static (model, _) => model.FullName)
            .Collect()
            .Select(static (all, _) => HintNames.Table(all))
            .WithTrackingName(NamesStep);

        IncrementalValuesProvider<NetworkPlan> plans = models
            .Select(static (model, _) => NetworkPlanner.Plan(model))
            .WithTrackingName(PlanStep);

        context.RegisterSourceOutput(plans.Combine(names), static (output, planAndNames) =>
        {
            var (plan, all) = planAndNames;
            output.AddSource(HintNames.For(plan.Network.FullName, all), NetworkEmitter.Emit(plan));
        });
    }
}
