using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Validation;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Reads a [Network] class into a <see cref="NetworkSpec"/>, or into diagnostics located on the attribute or class at fault.
/// Never throws on user code: whatever is wrong becomes a diagnostic (or, where the C# compiler already reports it — an
/// attribute with a bad argument — is left to the compiler).
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
        }

        Location nameLocation = declaration.Identifier.GetLocation();
        CheckType(type, nameLocation, diagnostics, cancellationToken);

        var shapeAttributes = new List<(DeclaredAttribute Declared, AttributeSyntax Syntax)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            bool isInput = IsAttribute(attribute, KnownNames.InputAttribute);
            if (!isInput && !IsAttribute(attribute, KnownNames.DenseAttribute))
            {
                continue;
            }

            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                continue;
            }

            if (!TryRead(attribute, isInput, out DeclaredAttribute? declared))
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

        var declaredShape = shapeAttributes.Select(a => a.Declared).ToList();
        foreach (ShapeProblem problem in ShapeRules.Check(type.Name, loss, declaredShape, strategy))
        {
            Location location = problem.AttributeIndex == ShapeProblem.OnNetworkAttribute
                ? networkSyntax.GetLocation()
                : shapeAttributes[problem.AttributeIndex].Syntax.GetLocation();
            diagnostics.Add(Diagnostic.Create(problem.Descriptor, location, problem.Arguments));
        }

        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new ParseResult(null, diagnostics.ToImmutable());
        }

        DeclaredAttribute input = declaredShape.First(a => a.Kind == ShapeAttributeKind.Input);
        var spec = new NetworkSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.IsRecord ? "record" : "class",
            ContainingTypes(type),
            (Loss)loss,
            input.Size,
            NetworkPlanner.Plan(input.Size, declaredShape, (CodeStrategy)strategy));
        return new ParseResult(spec, diagnostics.ToImmutable());
    }

    private static void CheckType(INamedTypeSymbol type, Location nameLocation, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken cancellationToken)
    {
        if (!AllDeclarationsPartial(type, cancellationToken))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NotPartial, nameLocation, type.Name));
        }

        if (type.IsStatic)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.StaticClass, nameLocation, type.Name));
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.GenericNotSupported, nameLocation, type.Name));
                break;
            }
        }

        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!AllDeclarationsPartial(outer, cancellationToken))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, nameLocation, type.Name, outer.Name));
            }
        }
    }

    private static bool AllDeclarationsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static bool TryRead(AttributeData attribute, bool isInput, out DeclaredAttribute? declared)
    {
        declared = null;
        ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
        if (args.Length == 0 || args[0].Value is not int size
            || args.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
        {
            return false;
        }

        if (isInput)
        {
            declared = new DeclaredAttribute(ShapeAttributeKind.Input, size);
            return true;
        }

        int activation = args.Length > 1 && args[1].Value is int a ? a : (int)Activation.Linear;
        var dense = new DeclaredAttribute(ShapeAttributeKind.Dense, size, activation);
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            dense = named.Key switch
            {
                "NegativeSlope" when named.Value.Value is float slope => dense with { NegativeSlope = slope },
                "KernelInitializer" when named.Value.Value is int kernel => dense with { KernelInitializer = kernel },
                "BiasInitializer" when named.Value.Value is int bias => dense with { BiasInitializer = bias },
                _ => dense,
            };
        }

        declared = dense;
        return true;
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

    private static bool IsAttribute(AttributeData attribute, string metadataName) =>
        attribute.AttributeClass is { } c && c.ToDisplayString() == metadataName;
}
