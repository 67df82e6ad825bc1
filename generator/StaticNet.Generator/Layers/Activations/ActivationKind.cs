using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Activations;

/// <summary><c>[Activation(activation, NegativeSlope = …)]</c>: its rules and its model.</summary>
internal sealed class ActivationKind : ILayerKind
{
    public static readonly ActivationKind Instance = new();

    /// <summary>The attribute's constructor parameter.</summary>
    private const string Argument = "activation";

    public string Type => "Activation";

    public string NameStem => "activation";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => ActivationEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => input;

    public bool HasTrainableParameters => false;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => ActivationRules.Read(declared, Argument);

    /// <summary>Element by element: the steps and their mask stay as they are.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.PassesOn;

    public string Describe(DeclaredLayer declared) => $"Activation({(Activation)declared.GetInt(Argument, (int)Activation.Linear)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        ActivationRules.CheckFunction(declared, context, Argument);
        ActivationRules.CheckSoftmax(declared, context, Argument, context.Input.Size);
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context) =>
        new ActivationLayer(context.Index, context.Name, context.Prefix, context.Input, context.Input, ActivationRules.Read(declared, Argument));
}
