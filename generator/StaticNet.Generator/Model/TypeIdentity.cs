namespace StaticNet.Generator.Model;

/// <summary>Where a network class lives and how it is declared: what the generated half needs to reopen it.</summary>
/// <param name="Namespace">The namespace as written (dotted, without <c>@</c> escapes), or null for the global namespace.</param>
/// <param name="Name">The class name, without an <c>@</c> escape (<c>class</c> for <c>@class</c>).</param>
/// <param name="Keyword">How the class is declared: <c>class</c> or <c>record</c>.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
internal sealed record TypeIdentity(string? Namespace, string Name, string Keyword, EquatableArray<ContainingTypeSpec> ContainingTypes)
{
    /// <summary>The name as C# code refers to it from outside its namespace: <c>Outer.IrisNet</c>.</summary>
    public string QualifiedName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (ContainingTypeSpec type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(Name);
            return string.Join(".", parts);
        }
    }

    /// <summary>Namespace, enclosing types and name, case kept and unescaped: one per network in a compilation.</summary>
    public string FullName => Namespace is null ? QualifiedName : Namespace + "." + QualifiedName;

    /// <summary>The class name as a C# identifier: <c>@class</c> for a class named with a keyword.</summary>
    public string Identifier => Identifiers.Escape(Name);
}

/// <summary>A type that encloses the network class; it must be declared partial so the generated half can nest in it.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name)
{
    /// <summary>The name as a C# identifier (<c>@struct</c> for a type named with a keyword).</summary>
    public string Identifier => Identifiers.Escape(Name);
}
