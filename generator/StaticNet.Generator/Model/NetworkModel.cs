namespace StaticNet.Generator.Model;

/// <summary>
/// A valid network declaration and nothing that ties it to a compilation: plain values only (no symbols, syntax nodes or
/// locations), so equal declarations give equal models and the pipeline caches.
/// </summary>
/// <param name="Type">Where the class lives and how it is declared.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Strategy">The code strategy the declaration asks for (<see cref="CodeStrategy.Auto"/> unless forced).</param>
/// <param name="Layers">The layers in order.</param>
internal sealed record NetworkModel(
    TypeIdentity Type,
    Loss Loss,
    TensorShape Input,
    CodeStrategy Strategy,
    EquatableArray<LayerModel> Layers)
{
    /// <summary><see cref="Loss.Huber"/>'s δ (Keras's default 1; read only for that loss).</summary>
    public float HuberDelta { get; init; } = 1f;

    public LayerModel OutputLayer => Layers[Layers.Count - 1];

    /// <summary>The class name, unescaped (as Keras-style summaries and messages show it).</summary>
    public string Name => Type.Name;

    /// <summary>The class name as a C# identifier.</summary>
    public string Identifier => Type.Identifier;
}
