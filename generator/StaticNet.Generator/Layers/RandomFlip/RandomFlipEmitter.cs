using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.RandomFlip;

/// <summary>
/// RandomFlip's code: nothing in inference (the plan skips the layer), and in a training step the runtime's
/// <c>RandomFlipReference</c>, drawing each sample's flips from the workspace's random stream and keeping them for the
/// backward pass, which flips the gradient back.
/// </summary>
internal sealed class RandomFlipEmitter : ILayerEmitter
{
    public static readonly RandomFlipEmitter Instance = new();

    private const string RandomFlipReference = "global::StaticNet.Generated.RandomFlipReference";

    public string Describe(LayerPlan plan) => $"RandomFlip({Layer(plan).Mode})";

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common) => $"new global::StaticNet.RandomFlipLayerInfo({common}, global::StaticNet.FlipMode.{Layer(plan).Mode})";

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) =>
        throw new System.InvalidOperationException("RandomFlip is the identity in inference; the plan skips it.");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine($"{RandomFlipReference}.Forward({site.Input}, {site.Output}, {site.Scratch("Flips")}, {site.Count}, {Image(plan)}, global::StaticNet.FlipMode.{Layer(plan).Mode}, random, training);");

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        if (site.InputGradient is not null)
        {
            w.WriteLine($"{RandomFlipReference}.Backward({site.OutputGradient}, {site.Scratch("Flips")}, {site.InputGradient}, {site.Count}, {Image(plan)});");
        }
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        throw new System.InvalidOperationException("RandomFlip is the identity in inference: InputGradient skips it.");

    /// <summary>Height, width and channels, as the reference's arguments.</summary>
    private static string Image(LayerPlan plan) => string.Join(", ", plan.Layer.Input.Dimensions);

    private static RandomFlipLayer Layer(LayerPlan plan) => (RandomFlipLayer)plan.Layer;
}
