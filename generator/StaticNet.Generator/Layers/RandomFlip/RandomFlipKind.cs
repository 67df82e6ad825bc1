using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.RandomFlip;

/// <summary><c>[RandomFlip(mode)]</c>: its rules (an image input, a defined mode) and its model.</summary>
internal sealed class RandomFlipKind : ILayerKind
{
    public static readonly RandomFlipKind Instance = new();

    public string Type => "RandomFlip";

    public string NameStem => "random_flip";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => RandomFlipEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => input;

    public bool HasTrainableParameters => false;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>An image augmentation: no sequence to mask.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) => $"RandomFlip({(FlipMode)declared.GetInt("mode", (int)FlipMode.HorizontalAndVertical)})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        if (context.Input.Rank != 3)
        {
            context.Report(DiagnosticDescriptors.NeedsImage, context.Name, context.Input.Keras);
        }

        context.CheckDefined<FlipMode>(declared.GetInt("mode", (int)FlipMode.HorizontalAndVertical));
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context) =>
        new RandomFlipLayer(context.Index, context.Name, context.Prefix, context.Input, context.Input, (FlipMode)declared.GetInt("mode", (int)FlipMode.HorizontalAndVertical));
}
