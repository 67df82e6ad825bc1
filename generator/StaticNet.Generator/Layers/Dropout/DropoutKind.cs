using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.Dropout;

/// <summary><c>[Dropout(rate)]</c>: its rules and its model.</summary>
internal sealed class DropoutKind : ILayerKind
{
    public static readonly DropoutKind Instance = new();

    public string Type => "Dropout";

    public string NameStem => "dropout";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => DropoutEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => input;

    public bool HasTrainableParameters => false;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>Element by element: the mask passes on.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.PassesOn;

    public string Describe(DeclaredLayer declared) =>
        "Dropout(" + declared.Get("rate", 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        double rate = declared.Get("rate", 0);
        if (!(rate >= 0 && rate < 1))
        {
            context.Report(DiagnosticDescriptors.InvalidDropoutRate, context.Name, rate);
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context) =>
        new DropoutLayer(context.Index, context.Name, context.Prefix, context.Input, context.Input, (float)declared.Get("rate", 0));
}
