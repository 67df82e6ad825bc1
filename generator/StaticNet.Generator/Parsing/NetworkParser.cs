using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Reads a [Network] class into a <see cref="NetworkModel"/>, or into diagnostics located on the attribute or class at
/// fault. Attributes are read generically (each argument by its parameter or property name), so a new layer kind needs no
/// change here; the rules in <see cref="NetworkRules"/> and each kind's own decide what is valid. Never throws on user
/// code: whatever is wrong becomes a diagnostic (or, where the C# compiler already reports it — an attribute with a bad
/// argument — is left to the compiler).
/// </summary>
internal static class NetworkParser
{
    public static ParseResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        AttributeData? network = type.GetAttributes().FirstOrDefault(a => IsAttribute(a, KnownNames.NetworkAttribute));
        if (network?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax networkSyntax
            || networkSyntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
            || network.ConstructorArguments.Length != 1
            || network.ConstructorArguments[0].Value is not int loss)
        {
            return new ParseResult(null, diagnostics.ToImmutable());
        }

        int strategy = (int)CodeStrategy.Auto;
        double? huberDelta = null;
        foreach (KeyValuePair<string, TypedConstant> named in network.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                return new ParseResult(null, diagnostics.ToImmutable());
            }

            if (named.Key == "Strategy" && named.Value.Value is int requested)
            {
                strategy = requested;
            }

            if (named.Key == "HuberDelta" && named.Value.Value is double delta)
            {
                huberDelta = delta;
            }
        }

        Location nameLocation = declaration.Identifier.GetLocation();

        var shapeAttributes = new List<(DeclaredLayer Declared, AttributeSyntax Syntax)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? shapeType = ShapeType(attribute);
            if (shapeType is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                continue;
            }

            if (!TryRead(attribute, shapeType, out DeclaredLayer? declared))
            {
                // A missing or mistyped argument: the compiler reports it; generate nothing until it is fixed.
                return new ParseResult(null, diagnostics.ToImmutable());
            }

            bool onNetworkDeclaration = syntax.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(syntax.Span);
            shapeAttributes.Add((declared! with { OnNetworkDeclaration = onNetworkDeclaration }, syntax));
        }

        // Source order: the declaration carrying [Network] first, then any others (which are errors) by file and position.
        shapeAttributes = shapeAttributes
            .OrderBy(a => a.Declared.OnNetworkDeclaration ? 0 : 1)
            .ThenBy(a => a.Syntax.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(a => a.Syntax.SpanStart)
            .ToList();

        var problems = new List<Problem>();
        EquatableArray<LayerModel>? layers = NetworkRules.Apply(
            type.Name, loss, strategy, shapeAttributes.Select(a => a.Declared).ToList(), problems, out TensorShape input);
        NetworkRules.CheckHuberDelta(loss, huberDelta, problems);
        foreach (Problem problem in problems)
        {
            Location location = problem.AttributeIndex == Problem.OnNetworkAttribute
                ? networkSyntax.GetLocation()
                : shapeAttributes[problem.AttributeIndex].Syntax.GetLocation();
            diagnostics.Add(Diagnostic.Create(problem.Descriptor, location, problem.Arguments));
        }

        var typeDiagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        DeclarationChecks.CheckType(type, nameLocation, typeDiagnostics, cancellationToken);
        DeclarationChecks.CheckMembers(type, nameLocation, layers?.Select(l => l.Prefix).ToList() ?? [], typeDiagnostics, cancellationToken);
        diagnostics.InsertRange(0, typeDiagnostics);

        if (layers is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // A shape error in a class that is otherwise fine: generate its public surface (members that throw) so that
            // the code using the class compiles and the SNET error is the only one. A class whose type is at fault gets nothing.
            NetworkSurface? surface = typeDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
                ? null
                : new NetworkSurface(
                    Identity(type),
                    string.Join(", ", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().OrderBy(id => id, System.StringComparer.Ordinal)));
            return new ParseResult(null, diagnostics.ToImmutable(), surface);
        }

        var model = new NetworkModel(
            Identity(type),
            (Loss)loss,
            input,
            (CodeStrategy)strategy,
            layers.Value)
        {
            HuberDelta = (float)(huberDelta ?? 1.0),
        };
        return new ParseResult(model, diagnostics.ToImmutable());
    }

    /// <summary>
    /// Shape attributes on a type without [Network] (SNET0028: a warning, since the type may simply not be finished),
    /// one diagnostic on the first of them.
    /// </summary>
    public static Diagnostic? CheckShapeWithoutNetwork(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (ShapeType(attribute) is { } shapeType && attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } syntax)
            {
                return Diagnostic.Create(DiagnosticDescriptors.ShapeWithoutNetwork, syntax.GetLocation(), type.Name, shapeType);
            }
        }

        return null;
    }

    /// <summary>The shape attribute's type (<c>Input</c>, or a registered layer kind's), or null for any other attribute.</summary>
    private static string? ShapeType(AttributeData attribute)
    {
        if (attribute.AttributeClass is not { } attributeClass)
        {
            return null;
        }

        string name = attributeClass.ToDisplayString();
        if (name == KnownNames.InputAttribute)
        {
            return DeclaredLayer.InputType;
        }

        foreach (ILayerKind kind in LayerKinds.All)
        {
            if (name == KnownNames.AttributeOf(kind.Type))
            {
                return kind.Type;
            }
        }

        return null;
    }

    /// <summary>Reads every argument, constructor ones by parameter name (defaults included), then named ones.</summary>
    private static bool TryRead(AttributeData attribute, string type, out DeclaredLayer? declared)
    {
        declared = null;
        if (attribute.AttributeConstructor is not { } constructor
            || attribute.ConstructorArguments.Length != constructor.Parameters.Length
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
        {
            return false;
        }

        var arguments = new List<DeclaredArgument>();
        for (int i = 0; i < constructor.Parameters.Length; i++)
        {
            if (!TryNumber(attribute.ConstructorArguments[i], out double value))
            {
                return false;
            }

            arguments.Add(new DeclaredArgument(constructor.Parameters[i].Name, value));
        }

        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (!TryNumber(named.Value, out double value))
            {
                return false;
            }

            arguments.Add(new DeclaredArgument(named.Key, value));
        }

        declared = new DeclaredLayer(type, new EquatableArray<DeclaredArgument>(arguments));
        return true;
    }

    private static bool TryNumber(TypedConstant constant, out double value)
    {
        switch (constant.Value)
        {
            case int i:
                value = i;
                return true;
            case float f:
                value = f;
                return true;
            case double d:
                value = d;
                return true;
            case bool b:
                value = b ? 1 : 0;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    private static EquatableArray<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.TypeKind switch
            {
                TypeKind.Struct when outer.IsRecord => "record struct",
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ when outer.IsRecord => "record",
                _ => "class",
            };
            types.Insert(0, new ContainingTypeSpec(keyword, outer.Name));
        }

        return new EquatableArray<ContainingTypeSpec>(types);
    }

    private static TypeIdentity Identity(INamedTypeSymbol type) =>
        new(NamespaceOf(type), type.Name, type.IsRecord ? "record" : "class", ContainingTypes(type));

    /// <summary>The namespace's segments by their names (unescaped: <c>Nets.event</c>), or null for the global namespace.</summary>
    private static string? NamespaceOf(INamedTypeSymbol type)
    {
        var segments = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            segments.Insert(0, ns.Name);
        }

        return segments.Count == 0 ? null : string.Join(".", segments);
    }

    /// <summary>
    /// The declaration whose [Network] attribute the parser reads. [Network] on several partial declarations of one class
    /// (the compiler reports CS0579) must still give one model and one file, so only this declaration produces it.
    /// </summary>
    public static bool IsReadDeclaration(INamedTypeSymbol type, SyntaxNode declaration, CancellationToken cancellationToken) =>
        type.GetAttributes().FirstOrDefault(a => IsAttribute(a, KnownNames.NetworkAttribute))?.ApplicationSyntaxReference?.GetSyntax(cancellationToken)
            is AttributeSyntax syntax
        && syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() == declaration;

    private static bool IsAttribute(AttributeData attribute, string metadataName) =>
        attribute.AttributeClass is { } c && c.ToDisplayString() == metadataName;
}
