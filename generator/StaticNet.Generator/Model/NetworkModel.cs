namespace StaticNet.Generator.Model;

/// <summary>
/// A valid network declaration and nothing that ties it to a compilation: plain values only (no symbols, syntax nodes or
/// locations), so equal declarations give equal models and the pipeline caches.
/// </summary>
/// <param name="Namespace">The namespace as written (dotted, without <c>@</c> escapes), or null for the global namespace.</param>
/// <param name="Name">The class name, without an <c>@</c> escape (<c>class</c> for <c>@class</c>).</param>
/// <param name="Keyword">How the class is declared: <c>class</c> or <c>record</c>.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Strategy">The code strategy the declaration asks for (<see cref="CodeStrategy.Auto"/> unless forced).</param>
/// <param name="Layers">The layers in order.</param>
internal sealed record NetworkModel(
    string? Namespace,
    string Name,
    string Keyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    Loss Loss,
    TensorShape Input,
    CodeStrategy Strategy,
    EquatableArray<LayerModel> Layers)
{
    public LayerModel OutputLayer => Layers[Layers.Count - 1];

    /// <summary>The name as C# code refers to it from outside: <c>Outer.IrisNet</c>.</summary>
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

    /// <summary>The namespace and enclosing types and the name, case kept and unescaped: one per network in a compilation.</summary>
    public string FullName => Type.FullName;

    /// <summary>Where the class lives and how it is declared.</summary>
    public TypeIdentity Type => new(Namespace, Name, Keyword, ContainingTypes);

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
