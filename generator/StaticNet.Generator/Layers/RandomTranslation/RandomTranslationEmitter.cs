using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.RandomTranslation;

/// <summary>
/// RandomTranslation's code: nothing in inference (the plan skips the layer), and in a training step the runtime's
/// <c>RandomTranslationReference</c>, drawing each sample's shift from the workspace's random stream and keeping it for
/// the backward pass, which carries the gradient back through the same interpolation.
/// </summary>
internal sealed class RandomTranslationEmitter : ILayerEmitter
{
    public static readonly RandomTranslationEmitter Instance = new();

    private const string Reference = "global::StaticNet.Generated.RandomTranslationReference";

    public string Describe(LayerPlan plan)
    {
        RandomTranslationLayer layer = Layer(plan);
        return $"RandomTranslation({Literals.Float(layer.HeightFactor)}, {Literals.Float(layer.WidthFactor)}, {layer.FillMode}, {layer.Interpolation})";
    }

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common)
    {
        RandomTranslationLayer layer = Layer(plan);
        return $"new global::StaticNet.RandomTranslationLayerInfo({common}, {Literals.Float(layer.HeightFactor)}, {Literals.Float(layer.WidthFactor)}, global::StaticNet.FillMode.{layer.FillMode}, global::StaticNet.Interpolation.{layer.Interpolation}, {Literals.Float(layer.FillValue)})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) =>
        throw new System.InvalidOperationException("RandomTranslation is the identity in inference; the plan skips it.");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        RandomTranslationLayer layer = Layer(plan);
        w.WriteLine($"{Reference}.Forward({site.Input}, {site.Output}, {site.Scratch("Shifts")}, {site.Count}, {Image(plan)}, {Literals.Float(layer.HeightFactor)}, {Literals.Float(layer.WidthFactor)}, {Modes(layer)}, {Literals.Float(layer.FillValue)}, random, training);");
    }

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        if (site.InputGradient is not null)
        {
            w.WriteLine($"{Reference}.Backward({site.OutputGradient}, {site.Scratch("Shifts")}, {site.InputGradient}, {site.Count}, {Image(plan)}, {Modes(Layer(plan))});");
        }
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        throw new System.InvalidOperationException("RandomTranslation is the identity in inference: InputGradient skips it.");

    /// <summary>Height, width and channels, as the reference's arguments.</summary>
    private static string Image(LayerPlan plan) => string.Join(", ", plan.Layer.Input.Dimensions);

    private static string Modes(RandomTranslationLayer layer) => $"global::StaticNet.FillMode.{layer.FillMode}, global::StaticNet.Interpolation.{layer.Interpolation}";

    private static RandomTranslationLayer Layer(LayerPlan plan) => (RandomTranslationLayer)plan.Layer;
}
