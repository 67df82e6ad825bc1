using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generator.Model;

/// <summary>Names as generated code must spell them.</summary>
internal static class Identifiers
{
    /// <summary>A name as a C# identifier: a reserved keyword gets its <c>@</c> back (symbols give <c>class</c> for <c>@class</c>).</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A dotted namespace with each segment escaped: <c>Nets.@event</c>.</summary>
    public static string EscapeNamespace(string dotted) =>
        string.Join(".", System.Linq.Enumerable.Select(dotted.Split('.'), Escape));
}
