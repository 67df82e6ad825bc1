using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Flatten;

/// <summary>
/// Flatten's code: none. A sample's values are stored row-major whatever its shape, so flattening moves nothing and the
/// plan makes the layer the identity in every pass: the next layer reads its input. Only its description is written.
/// </summary>
internal sealed class FlattenEmitter : ILayerEmitter
{
    public static readonly FlattenEmitter Instance = new();

    public string Describe(LayerPlan plan) => "Flatten()";

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common) => $"new global::StaticNet.FlattenLayerInfo({common})";

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) => throw Skipped();

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => throw Skipped();

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => throw Skipped();

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => throw Skipped();

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site) => throw Skipped();

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) => throw Skipped();

    private static System.InvalidOperationException Skipped() => new("Flatten moves no data; the plan skips it in every pass.");
}
