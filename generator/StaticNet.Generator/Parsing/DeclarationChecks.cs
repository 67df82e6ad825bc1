using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// The checks on the C# type that carries [Network] (as opposed to its shape): everything that would otherwise make
/// the generated half fail to compile — a missing <c>partial</c>, a file-local type, a primary constructor, a base class
/// the generated constructors cannot call, names that collide with generated members. Each becomes an SNET diagnostic
/// on the user's class or member, never an error inside generated code.
/// </summary>
internal static class DeclarationChecks
{
    /// <summary>Checks that do not depend on the layers; an error here means no code at all can be generated for the type.</summary>
    public static void CheckType(INamedTypeSymbol type, Location nameLocation, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken cancellationToken)
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

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.FileLocalNetwork, nameLocation, type.Name, t.Name));
                break;
            }
        }

        if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null }))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.PrimaryConstructor, nameLocation, type.Name));
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
        {
            if (baseType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivesFromNetwork, nameLocation, type.Name, baseType.Name));
            }
            else if (!baseType.InstanceConstructors.Any(c =>
                c.Parameters.All(p => p.IsOptional || p.IsParams) && c.DeclaredAccessibility is not Accessibility.Private))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, nameLocation, type.Name, baseType.Name));
            }
        }
    }

    /// <summary>
    /// The class name and the user's own members against the generated ones (<paramref name="layerPrefixes"/>:
    /// <c>Dense1</c>, …; none when the layers have errors). Members the generator wrote (found in the analyzer's compilation) and
    /// members the compiler declares (a record's) are skipped.
    /// </summary>
    public static void CheckMembers(
        INamedTypeSymbol type, Location nameLocation, IReadOnlyList<string> layerPrefixes, ImmutableArray<Diagnostic>.Builder diagnostics, CancellationToken cancellationToken)
    {
        if (GeneratedMembers.IsReserved(type.Name, layerPrefixes))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NameIsGeneratedMember, nameLocation, type.Name));
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member.Locations.FirstOrDefault(l => l.IsInSource) is not { } location
                || IsGenerated(member, cancellationToken))
            {
                continue;
            }

            string? collision = member switch
            {
                // A primary constructor is SNET0025's business.
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor when constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax) => null,
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor =>
                    GeneratedMembers.Constructors.Contains(Signature(constructor)) ? $"constructor {type.Name}({Describe(constructor)})" : null,
                IMethodSymbol { MethodKind: MethodKind.Ordinary } method =>
                    GeneratedMembers.MethodCollides(method.Name, Signature(method), layerPrefixes) ? $"{method.Name}({Describe(method)})" : null,
                IMethodSymbol => null,
                _ => GeneratedMembers.IsReserved(member.Name, layerPrefixes) ? member.Name : null,
            };
            if (collision is not null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MemberCollision, location, collision, type.Name));
            }
        }
    }

    /// <summary>Declared in the generator's own half (its type declaration carries <c>[GeneratedCode("StaticNet.Generator", …)]</c>).</summary>
    private static bool IsGenerated(ISymbol member, CancellationToken cancellationToken) =>
        member.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration
            && declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a =>
                a.Name.ToString().EndsWith("GeneratedCode", System.StringComparison.Ordinal)
                && a.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { Token.ValueText: "StaticNet.Generator" }));

    internal static string Signature(IMethodSymbol method) => string.Concat(method.Parameters.Select(p => Letter(p.Type)));

    private static string Describe(IMethodSymbol method) =>
        string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));

    // The letters of GeneratedMembers' parameter lists; any other type is '?', which no generated list contains.
    private static char Letter(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Int32 } => 'i',
        { SpecialType: SpecialType.System_Int64 } => 'l',
        { SpecialType: SpecialType.System_Boolean } => 'b',
        INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } r when r.TypeArguments[0].SpecialType == SpecialType.System_Single => 'R',
        INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } s when s.TypeArguments[0].SpecialType == SpecialType.System_Single => 'S',
        { Name: "TrainingWorkspace" } => 'W',
        { Name: "StreamState" } => 'T',
        _ => '?',
    };

    private static bool AllDeclarationsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
}
