using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A kind of layer, as the generator's front half knows it: the attribute that declares it, the rules its arguments must
/// follow, the shape it gives, and how a valid declaration becomes its model record. Its code comes from its
/// <see cref="Emitter"/>. Every kind is listed once, in <see cref="LayerKinds"/>.
/// </summary>
internal interface ILayerKind
{
    /// <summary>Keras's type name, which is also the attribute's name without <c>Attribute</c>: <c>Dense</c>.</summary>
    string Type { get; }

    /// <summary>The stem of layer names, numbered per kind from 1: <c>dense</c> → <c>dense_1</c>.</summary>
    string NameStem { get; }

    /// <summary>Checks one declaration, reporting each problem on its attribute through <paramref name="context"/>.</summary>
    void Check(DeclaredLayer declared, LayerContext context);

    /// <summary>The shape one sample has after this layer, so the next layer can be checked even when this one has problems.</summary>
    TensorShape OutputShape(DeclaredLayer declared, TensorShape input);

    /// <summary>Whether a layer of this kind has trainable parameters (a network needs at least one that has).</summary>
    bool HasTrainableParameters { get; }

    /// <summary>Trainable and non-trainable parameters of a declaration, in 64 bits so that absurd sizes are caught, not wrapped.</summary>
    long CountParameters(DeclaredLayer declared, TensorShape input);

    /// <summary>
    /// The activation a declaration applies last (<see cref="LayerModel.TrailingActivation"/>), or null: read by the rule
    /// that the loss fits the network's output, before any model exists.
    /// </summary>
    ActivationFunction? TrailingActivation(DeclaredLayer declared);

    /// <summary>What a declaration does with a padding mask that reaches it (<see cref="MaskUse"/>); most kinds refuse one.</summary>
    MaskUse Masking(DeclaredLayer declared);

    /// <summary>How the declaration reads in a message: <c>Dense(1, Linear)</c>.</summary>
    string Describe(DeclaredLayer declared);

    /// <summary>The model of a declaration that passed <see cref="Check"/>.</summary>
    LayerModel Build(DeclaredLayer declared, LayerContext context);

    /// <summary>Makes this kind's code-path decisions (<see cref="Planning.PlainLayerPlanner"/> for a kind that has none).</summary>
    Planning.ILayerPlanner Planner { get; }

    /// <summary>Writes this kind's code.</summary>
    ILayerEmitter Emitter { get; }
}
