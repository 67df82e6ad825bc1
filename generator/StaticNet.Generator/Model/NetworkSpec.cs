namespace StaticNet.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, and nothing that ties it to a compilation: plain values only
/// (no symbols, syntax nodes or locations), so equal declarations give equal specs and the pipeline caches.
/// </summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="Name">The class name.</param>
/// <param name="Keyword">How the class is declared: <c>class</c> or <c>record</c>.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Loss">The loss.</param>
/// <param name="InputSize">Features per sample.</param>
/// <param name="Layers">The layers in order, with their parameter offsets and emission strategy.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    string Name,
    string Keyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    Loss Loss,
    int InputSize,
    EquatableArray<LayerSpec> Layers)
{
    public LayerSpec OutputLayer => Layers[Layers.Count - 1];

    public int OutputSize => OutputLayer.Units;

    public int TargetSize => Loss == Loss.SparseCategoricalCrossEntropy ? 1 : OutputSize;

    public int ParameterCount => OutputLayer.BiasOffset + OutputLayer.Units;

    /// <summary>
    /// Samples per tile of <c>TrainBatch</c>: up to 32, fewer for wide networks so the tile's activations and their
    /// gradients (2 × samples × all units) stay within 16,384 floats (64 KiB) of stack; always a multiple of 4.
    /// </summary>
    public int BatchTile
    {
        get
        {
            int units = 0;
            foreach (LayerSpec layer in Layers)
            {
                units += layer.Units;
            }

            int tile = 16_384 / (2 * units) / 4 * 4;
            return tile < 4 ? 4 : tile > 32 ? 32 : tile;
        }
    }

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
}

/// <summary>A type that encloses the network class; it must be declared partial so the generated half can nest in it.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
