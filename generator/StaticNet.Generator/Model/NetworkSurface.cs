namespace StaticNet.Generator.Model;

/// <summary>Where a class lives and how it is declared: what the generated half needs to reopen it.</summary>
/// <param name="Namespace">The namespace as written (dotted, unescaped), or null for the global namespace.</param>
/// <param name="Name">The class name, unescaped.</param>
/// <param name="Keyword"><c>class</c> or <c>record</c>.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
internal sealed record TypeIdentity(string? Namespace, string Name, string Keyword, EquatableArray<ContainingTypeSpec> ContainingTypes)
{
    /// <summary>Namespace, enclosing types and name, unescaped: one per network in a compilation.</summary>
    public string FullName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace is not null)
            {
                parts.Add(Namespace);
            }

            foreach (ContainingTypeSpec type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(Name);
            return string.Join(".", parts);
        }
    }
}

/// <summary>
/// A [Network] class whose shape has errors (the IDs in <paramref name="Errors"/>): the generator gives it constructors
/// and the public members of a network, each throwing, so that code using the class does not add errors of its own
/// (<c>'N' does not contain a definition for 'Fit'</c>) in front of the SNET diagnostic that says what to fix.
/// </summary>
internal sealed record NetworkSurface(TypeIdentity Type, string Errors);
