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
/// <remarks>
/// The constructor carries an <see cref="ObsoleteAttribute"/> with the ID <c>SNET0100</c> that is not about obsolescence:
/// it is how a build without the generator says so. StaticNet's generator assembly holds a diagnostic suppressor that
/// silences SNET0100, so with the generator (the StaticNet package, or the generator referenced as an analyzer) nothing is
/// reported; with the runtime alone, every <c>[Network]</c> gets this message instead of only the confusing errors of a
/// class whose generated half is missing.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The text of SNET0100.</summary>
    internal const string MissingGenerator =
        "StaticNet's source generator is not part of this build, so this network's code is not generated. "
        + "Reference the StaticNet package, or with a project reference add the generator as an analyzer: "
        + "<ProjectReference Include=\"…/generator/StaticNet.Generator/StaticNet.Generator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />";

    /// <summary>Marks the class as a network trained on <paramref name="loss"/>.</summary>
    /// <param name="loss">The loss the network is trained on; it must fit the output layer's activation.</param>
#pragma warning disable CS0618 // the marker below is deliberate (see the remarks)
    [Obsolete(MissingGenerator, DiagnosticId = "SNET0100")]
#pragma warning restore CS0618
    public NetworkAttribute(Loss loss) => Loss = loss;

    /// <summary>The loss the network is trained on.</summary>
    public Loss Loss { get; }

    /// <summary>
    /// <see cref="Loss.Huber"/>'s δ, where the loss turns from quadratic to linear (Keras's <c>Huber(delta=1.0)</c>): a finite
    /// number &gt; 0 (SNET0041); set with another loss it means nothing (SNET0042).
    /// </summary>
    public double HuberDelta { get; set; } = 1.0;

    /// <summary>How every layer's code is written; <see cref="CodeStrategy.Auto"/> (the default) chooses per layer.</summary>
    public CodeStrategy Strategy { get; set; } = CodeStrategy.Auto;
}
