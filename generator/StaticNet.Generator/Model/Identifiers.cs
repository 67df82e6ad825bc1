using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generator.Model;

/// <summary>Names as generated code must spell them.</summary>
internal static class Identifiers
{
    /// <summary>
    /// A name as a C# identifier: a keyword gets its <c>@</c> back (symbols give <c>class</c> for <c>@class</c>). Contextual
    /// keywords too, and every all-lowercase ASCII name: written unescaped, a type <c>record</c> draws CS8860 and a type
    /// <c>dynamic</c> CS8981 in the generated half (the user's <c>@record</c> draws neither), and <c>@</c> is legal on any name.
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
        || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
        || System.Linq.Enumerable.All(name, c => c is >= 'a' and <= 'z')
            ? "@" + name
            : name;

    /// <summary>A dotted namespace with each segment escaped: <c>Nets.@event</c>.</summary>
    public static string EscapeNamespace(string dotted) =>
        string.Join(".", System.Linq.Enumerable.Select(dotted.Split('.'), Escape));
}
