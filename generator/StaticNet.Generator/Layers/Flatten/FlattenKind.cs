using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Flatten;

/// <summary><c>[Flatten]</c>: its shape and its model. It has no arguments, so no rules of its own.</summary>
internal sealed class FlattenKind : ILayerKind
{
    public static readonly FlattenKind Instance = new();

    public string Type => "Flatten";

    public string NameStem => "flatten";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => FlattenEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => TensorShape.Vector(input.Size);

    public bool HasTrainableParameters => false;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>The steps become features: nothing is left to mask, and padded steps would feed the next layer.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) => "Flatten()";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context) =>
        new FlattenLayer(context.Index, context.Name, context.Prefix, context.Input, TensorShape.Vector(context.Input.Size));
}
