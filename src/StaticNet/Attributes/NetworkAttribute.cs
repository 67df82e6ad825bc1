namespace StaticNet;

/// <summary>
/// Marks a <c>partial</c> class as a network. Its shape comes from the <see cref="InputAttribute"/> and the layer attributes
/// (such as <see cref="DenseAttribute"/>) on the same declaration, read in source order; StaticNet's source generator then
/// writes the forward pass, the training step and the parameter layout into the other half of the class.
/// </summary>
/// <example>
/// <code>
/// [Network(Loss.SparseCategoricalCrossEntropy)]
/// [Input(4)]
/// [Dense(10, Activation.ReLU)]
/// [Dense(10, Activation.ReLU)]
/// [Dense(3, Activation.Softmax)]
/// public partial class IrisNet;
/// </code>
/// </example>
/// <param name="loss">The loss the network is trained on; it must fit the output layer's activation.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute(Loss loss) : Attribute
{
    /// <summary>The loss the network is trained on.</summary>
    public Loss Loss { get; } = loss;

    /// <summary>How every layer's code is written; <see cref="CodeStrategy.Auto"/> (the default) chooses per layer.</summary>
    public CodeStrategy Strategy { get; set; } = CodeStrategy.Auto;
}
