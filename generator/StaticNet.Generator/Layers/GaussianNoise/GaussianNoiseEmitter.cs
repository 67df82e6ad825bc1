using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.GaussianNoise;

/// <summary>
/// Gaussian noise's code: nothing in inference (the plan makes the layer the identity there), and in a training step the
/// runtime's <c>GaussianNoiseReference</c>, drawing from the workspace's random stream; its backward pass hands the
/// gradient on unchanged.
/// </summary>
internal sealed class GaussianNoiseEmitter : ILayerEmitter
{
    public static readonly GaussianNoiseEmitter Instance = new();

    private const string GaussianNoiseReference = "global::StaticNet.Generated.GaussianNoiseReference";

    public string Describe(LayerPlan plan) => $"GaussianNoise({Literals.Float(Stddev(plan)).TrimEnd('f')})";

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common) => $"new global::StaticNet.GaussianNoiseLayerInfo({common}, {Literals.Float(Stddev(plan))})";

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) =>
        throw new System.InvalidOperationException("Gaussian noise is the identity in inference; the plan skips it.");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine($"{GaussianNoiseReference}.Forward({site.Input}, {site.Output}, {site.Count}, {plan.Layer.Output.Size}, stddev: {Literals.Float(Stddev(plan))}, random, training);");

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        if (site.InputGradient is not null)
        {
            w.WriteLine($"{site.OutputGradient}.Slice(0, {site.Count} * {plan.Layer.Output.Size}).CopyTo({site.InputGradient});");
        }
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        throw new System.InvalidOperationException("Gaussian noise is the identity in inference: InputGradient skips it.");

    private static float Stddev(LayerPlan plan) => ((GaussianNoiseLayer)plan.Layer).Stddev;
}
