using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Dropout;

/// <summary>
/// Dropout's code: nothing at all in inference (the plan makes the layer the identity there, so the next layer reads its
/// input), and in a training step a mask per tile drawn from the workspace's random stream, applied forward and backward
/// by the runtime's element-wise, vectorised <c>DropoutReference</c>.
/// </summary>
internal sealed class DropoutEmitter : ILayerEmitter
{
    public static readonly DropoutEmitter Instance = new();

    private const string DropoutReference = "global::StaticNet.Generated.DropoutReference";

    public string Describe(LayerPlan plan) => $"Dropout({Literals.Float(Rate(plan)).TrimEnd('f')})";

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common) => $"new global::StaticNet.DropoutLayerInfo({common}, {Literals.Float(Rate(plan))})";

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) =>
        throw new System.InvalidOperationException("Dropout is the identity in inference; the plan skips it.");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine($"{DropoutReference}.Forward({site.Input}, {site.Output}, {site.Scratch("Mask")}, {site.Count}, {plan.Layer.Output.Size}, rate: {Literals.Float(Rate(plan))}, random, training);");

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine($"{DropoutReference}.Backward({site.OutputGradient}, {site.Scratch("Mask")}, {site.InputGradient}, {site.Count}, {plan.Layer.Output.Size});");

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        throw new System.InvalidOperationException("Dropout is the identity in inference: InputGradient skips it.");

    private static float Rate(LayerPlan plan) => ((DropoutLayer)plan.Layer).Rate;
}
