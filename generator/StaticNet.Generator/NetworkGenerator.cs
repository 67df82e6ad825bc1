using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator;

/// <summary>What the generator takes from one [Network] declaration: a valid model, or a surface for a class whose shape has errors, or neither.</summary>
internal sealed record ParsedNetwork(NetworkModel? Model, NetworkSurface? Surface);

/// <summary>
/// StaticNet's source generator: finds each class marked [Network], parses its shape into an equatable
/// <see cref="NetworkModel"/>, plans its code (<see cref="NetworkPlanner"/>), and emits one file per network. A
/// declaration whose shape has errors gets only a throwing public surface (<see cref="SurfaceEmitter"/>), one whose C#
/// type is at fault nothing; the diagnostics come from <see cref="Diagnostics.NetworkAnalyzer"/>, which runs the same parser.
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
        IncrementalValuesProvider<ParsedNetwork> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                {
                    var type = (INamedTypeSymbol)context.TargetSymbol;
                    if (!NetworkParser.IsReadDeclaration(type, context.TargetNode, cancellationToken))
                    {
                        return new ParsedNetwork(null, null);
                    }

                    ParseResult result = NetworkParser.Parse(type, cancellationToken);
                    return new ParsedNetwork(result.Model, result.Surface);
                });

        IncrementalValuesProvider<NetworkModel> models = parsed
            .Where(static p => p.Model is not null)
            .Select(static (p, _) => p.Model!)
            .WithTrackingName(ModelStep);

        IncrementalValuesProvider<NetworkSurface> surfaces = parsed
            .Where(static p => p.Surface is not null)
            .Select(static (p, _) => p.Surface!);

        // Every network's full name, so that names differing only in case get distinct files (see HintNames). The table
        // changes only when a network is added, removed or renamed, so an edit inside one network re-emits only that one.
        IncrementalValueProvider<EquatableArray<string>> names = models
            .Select(static (model, _) => model.Type.FullName)
            .Collect()
            .Combine(surfaces.Select(static (surface, _) => surface.Type.FullName).Collect())
            .Select(static (all, _) => HintNames.Table(all.Left.Concat(all.Right)))
            .WithTrackingName(NamesStep);

        IncrementalValuesProvider<NetworkPlan> plans = models
            .Select(static (model, _) => NetworkPlanner.Plan(model))
            .WithTrackingName(PlanStep);

        context.RegisterSourceOutput(plans.Combine(names), static (output, planAndNames) =>
        {
            var (plan, all) = planAndNames;
            output.AddSource(HintNames.For(plan.Network.Type.FullName, all), NetworkEmitter.Emit(plan));
        });

        context.RegisterSourceOutput(surfaces.Combine(names), static (output, surfaceAndNames) =>
        {
            var (surface, all) = surfaceAndNames;
            output.AddSource(HintNames.For(surface.Type.FullName, all), SurfaceEmitter.Emit(surface));
        });
    }
}
