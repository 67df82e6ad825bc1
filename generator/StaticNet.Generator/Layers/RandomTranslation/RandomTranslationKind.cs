using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.RandomTranslation;

/// <summary>
/// <c>[RandomTranslation(heightFactor, widthFactor, FillMode = …, Interpolation = …, FillValue = …)]</c>: its rules (an
/// image input, factors in [0, 1], defined modes, a finite fill) and its model.
/// </summary>
internal sealed class RandomTranslationKind : ILayerKind
{
    public static readonly RandomTranslationKind Instance = new();

    public string Type => "RandomTranslation";

    public string NameStem => "random_translation";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => RandomTranslationEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => input;

    public bool HasTrainableParameters => false;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>An image augmentation: no sequence to mask.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.Refuses;

    public string Describe(DeclaredLayer declared) =>
        $"RandomTranslation({Number(declared.Get("heightFactor", 0))}, {Number(declared.Get("widthFactor", 0))})";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        if (context.Input.Rank != 3)
        {
            context.Report(DiagnosticDescriptors.NeedsImage, context.Name, context.Input.Keras);
        }

        foreach (var (axis, name) in new[] { ("height", "heightFactor"), ("width", "widthFactor") })
        {
            double factor = declared.Get(name, 0);
            if (!(factor >= 0 && factor <= 1))
            {
                context.Report(DiagnosticDescriptors.InvalidTranslationFactor, axis, context.Name, factor);
            }
        }

        context.CheckDefined<FillMode>(declared.GetInt("FillMode", (int)FillMode.Reflect));
        context.CheckDefined<Interpolation>(declared.GetInt("Interpolation", (int)Interpolation.Bilinear));

        double fillValue = declared.Get("FillValue", 0);
        if (!(System.Math.Abs(fillValue) <= float.MaxValue))
        {
            context.Report(DiagnosticDescriptors.InvalidFillValue, context.Name, fillValue);
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context) =>
        new RandomTranslationLayer(
            context.Index,
            context.Name,
            context.Prefix,
            context.Input,
            context.Input,
            (float)declared.Get("heightFactor", 0),
            (float)declared.Get("widthFactor", 0),
            (FillMode)declared.GetInt("FillMode", (int)FillMode.Reflect),
            (Interpolation)declared.GetInt("Interpolation", (int)Interpolation.Bilinear),
            (float)declared.Get("FillValue", 0));

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
