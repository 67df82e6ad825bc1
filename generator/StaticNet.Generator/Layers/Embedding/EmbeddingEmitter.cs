using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Embedding;

/// <summary>
/// The embedding's code: calls of the runtime's <c>EmbeddingReference</c> with the sizes as constants. A lookup copies
/// rows and its backward pass adds rows, so there is nothing for generated loops to gain. The ids take no gradient.
/// </summary>
internal sealed class EmbeddingEmitter : ILayerEmitter, IStreamingEmitter
{
    public static readonly EmbeddingEmitter Instance = new();

    private const string Reference = "global::StaticNet.Generated.EmbeddingReference";

    public string Describe(LayerPlan plan)
    {
        EmbeddingLayer layer = Layer(plan);
        return $"Embedding({layer.InputDim}, {layer.OutputDim}{(layer.MaskZero ? ", mask zero" : string.Empty)})";
    }

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common) => $"new global::StaticNet.EmbeddingLayerInfo({common}, {Literals.Bool(Layer(plan).MaskZero)})";

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused)
    {
        EmbeddingLayer layer = Layer(plan);
        w.WriteLine($"{Reference}.Forward({site.Input}, {site.Values(plan.Tensor("embeddings"))}, {site.Output}, {site.Count}, {layer.Steps}, {layer.InputDim}, {layer.OutputDim});");
    }

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        EmbeddingLayer layer = Layer(plan);
        w.WriteLine($"{Reference}.Backward({site.Input}, {site.OutputGradient}, {site.GradientOf(plan.Tensor("embeddings"))}, {site.Count}, {layer.Steps}, {layer.InputDim}, {layer.OutputDim});");
        if (site.InputGradient is not null)
        {
            w.WriteLine($"{site.InputGradient}.Slice(0, {site.Count} * {layer.Steps}).Clear(); // the ids select rows: their gradient is zero");
        }
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        w.WriteLine($"{site.InputGradient}.Slice(0, {Layer(plan).Steps}).Clear(); // the ids select rows: their gradient is zero");

    private static EmbeddingLayer Layer(LayerPlan plan) => (EmbeddingLayer)plan.Layer;

    public void WriteStep(SourceWriter w, LayerPlan plan, LayerSite site, string? state)
    {
        EmbeddingLayer layer = Layer(plan);
        w.WriteLine($"{Reference}.Forward({site.Input}, {site.Values(plan.Tensor("embeddings"))}, {site.Output}, 1, 1, {layer.InputDim}, {layer.OutputDim}); // one step's id");
    }
}
