using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNet.CodeFixes;

/// <summary>SNET0001: add <c>partial</c> to the network class.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialFix)), Shared]
public sealed class MakePartialFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["SNET0001"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Make '{type.Identifier.Text}' partial", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, MakePartial(type)))), nameof(MakePartialFix)),
            context.Diagnostics);
    }

    private static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
    {
        // `partial` goes last among the modifiers, right before `class`/`record`, as C# requires.
        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count == 0)
        {
            SyntaxToken keyword = type.Keyword;
            return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }

        return type.WithModifiers(type.Modifiers.Add(partial));
    }
}

/// <summary>SNET0006: Softmax on a hidden layer. The fix uses ReLU there and puts Softmax on the last layer.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSoftmaxToLastLayerFix)), Shared]
public sealed class MoveSoftmaxToLastLayerFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["SNET0006"];

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<AttributeSyntax>() is not { } hidden
            || hidden.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || Attributes.Layers(type).LastOrDefault() is not { } last
            || last == hidden)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Move Softmax to the last layer (ReLU here)",
                _ =>
                {
                    SyntaxNode updated = root.ReplaceNodes([hidden, last], (original, _) => original == hidden
                        ? Attributes.WithActivation(original, "ReLU")
                        : Attributes.WithActivation(original, "Softmax"));
                    return Task.FromResult(context.Document.WithSyntaxRoot(updated));
                },
                nameof(MoveSoftmaxToLastLayerFix)),
            context.Diagnostics);
    }
}

/// <summary>SNET0007: the loss does not fit the output layer. The fix picks the loss that fits its activation.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FittingLossFix)), Shared]
public sealed class FittingLossFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["SNET0007"];

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<AttributeSyntax>() is not { ArgumentList.Arguments.Count: > 0 } network
            || network.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || Attributes.Layers(type).LastOrDefault() is not { } last)
        {
            return;
        }

        string activation = Attributes.ActivationOf(last) ?? "Linear";
        string loss = activation switch
        {
            "Softmax" => "SparseCategoricalCrossEntropy",
            "Sigmoid" => "BinaryCrossEntropy",
            _ => "MeanSquaredError",
        };
        ExpressionSyntax lossExpression = SyntaxFactory.ParseExpression("Loss." + loss);
        AttributeArgumentSyntax first = network.ArgumentList!.Arguments[0];
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Use Loss.{loss}, which fits a {activation} output",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(first, first.WithExpression(lossExpression.WithTriviaFrom(first.Expression))))),
                nameof(FittingLossFix)),
            context.Diagnostics);
    }
}

/// <summary>Reading and rewriting StaticNet's layer attributes by their syntax.</summary>
internal static class Attributes
{
    private static readonly string[] LayerNames = ["Dense", "DenseAttribute", "StaticNet.Dense", "StaticNet.DenseAttribute"];

    /// <summary>The class's [Dense] attributes, in source order.</summary>
    public static AttributeSyntax[] Layers(TypeDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(list => list.Attributes).Where(a => LayerNames.Contains(a.Name.ToString())).ToArray();

    /// <summary>The activation named in a [Dense] attribute's second argument, or null for none (Linear).</summary>
    public static string? ActivationOf(AttributeSyntax dense) =>
        dense.ArgumentList?.Arguments.Skip(1).FirstOrDefault(a => a.NameEquals is null) is { Expression: MemberAccessExpressionSyntax access }
            ? access.Name.Identifier.Text
            : null;

    /// <summary>The [Dense] attribute with its activation set to <paramref name="activation"/>.</summary>
    public static AttributeSyntax WithActivation(AttributeSyntax dense, string activation)
    {
        ExpressionSyntax expression = SyntaxFactory.ParseExpression("Activation." + activation);
        AttributeArgumentListSyntax arguments = dense.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var positional = arguments.Arguments.Where(a => a.NameEquals is null).ToList();
        if (positional.Count >= 2)
        {
            AttributeArgumentSyntax old = positional[1];
            return dense.ReplaceNode(old, old.WithExpression(expression.WithTriviaFrom(old.Expression)));
        }

        return dense.WithArgumentList(arguments.WithArguments(arguments.Arguments.Insert(positional.Count, SyntaxFactory.AttributeArgument(expression))));
    }
}
