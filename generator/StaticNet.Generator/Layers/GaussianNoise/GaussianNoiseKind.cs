using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Rules;

namespace StaticNet.Generator.Layers.GaussianNoise;

/// <summary><c>[GaussianNoise(stddev)]</c>: its rules and its model.</summary>
internal sealed class GaussianNoiseKind : ILayerKind
{
    public static readonly GaussianNoiseKind Instance = new();

    public string Type => "GaussianNoise";

    public string NameStem => "gaussian_noise";

    public Planning.ILayerPlanner Planner => Planning.PlainLayerPlanner.Instance;

    public ILayerEmitter Emitter => GaussianNoiseEmitter.Instance;

    public TensorShape OutputShape(DeclaredLayer declared, TensorShape input) => input;

    public bool HasTrainableParameters => false;

    public long CountParameters(DeclaredLayer declared, TensorShape input) => 0;

    public ActivationFunction? TrailingActivation(DeclaredLayer declared) => null;

    /// <summary>Element by element: the mask passes on.</summary>
    public MaskUse Masking(DeclaredLayer declared) => MaskUse.PassesOn;

    public string Describe(DeclaredLayer declared) =>
        "GaussianNoise(" + declared.Get("stddev", 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")";

    public void Check(DeclaredLayer declared, LayerContext context)
    {
        double stddev = declared.Get("stddev", 0);
        if (!(stddev >= 0 && stddev <= float.MaxValue))
        {
            context.Report(DiagnosticDescriptors.InvalidNoiseStddev, context.Name, stddev);
        }
    }

    public LayerModel Build(DeclaredLayer declared, LayerContext context) =>
        new GaussianNoiseLayer(context.Index, context.Name, context.Prefix, context.Input, context.Input, (float)declared.Get("stddev", 0));
}
