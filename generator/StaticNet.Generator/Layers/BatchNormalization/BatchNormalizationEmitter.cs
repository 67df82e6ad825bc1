using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.BatchNormalization;

/// <summary>
/// Batch normalisation's code: calls of the runtime's <c>BatchNormalizationReference</c>, whose per-feature work is
/// vectorised across features; with the sizes and factors written in as constants. In inference the moving statistics
/// normalise; in a training step the batch's (and the moving ones move), or, with the workspace's training flag off, the
/// moving ones with a backward pass through them as constants.
/// </summary>
internal sealed class BatchNormalizationEmitter : ILayerEmitter
{
    public static readonly BatchNormalizationEmitter Instance = new();

    private const string BatchNormalizationReference = "global::StaticNet.Generated.BatchNormalizationReference";

    public string Describe(LayerPlan plan)
    {
        var layer = (BatchNormalizationLayer)plan.Layer;
        return $"BatchNormalization(momentum {Literals.Float(layer.Momentum).TrimEnd('f')}, epsilon {Literals.Float(layer.Epsilon).TrimEnd('f')})";
    }

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common)
    {
        var layer = (BatchNormalizationLayer)plan.Layer;
        return $"new global::StaticNet.BatchNormalizationLayerInfo({common}, {Literals.Float(layer.Momentum)}, {Literals.Float(layer.Epsilon)})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) => w.WriteLine(Inference(plan, site, "default, default") + ";");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        var layer = (BatchNormalizationLayer)plan.Layer;
        string kept = $"{site.Scratch("Normalized")}, {site.Scratch("InverseStd")}";
        using (w.Open("if (training)"))
        {
            w.WriteLine($"{BatchNormalizationReference}.ForwardTraining({site.Input}, {Values(plan, site, "gamma")}, {Values(plan, site, "beta")}, {Values(plan, site, "moving_mean")}, {Values(plan, site, "moving_variance")}, {kept}, {site.Output}, {Rows(layer, site.Count)}, {layer.Features}, momentum: {Literals.Float(layer.Momentum)}, epsilon: {Literals.Float(layer.Epsilon)});");
        }

        using (w.Open("else"))
        {
            w.WriteLine(Inference(plan, site, kept) + ";");
        }
    }

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        var layer = (BatchNormalizationLayer)plan.Layer;
        w.WriteLine($"{BatchNormalizationReference}.Backward({site.OutputGradient}, {site.Scratch("Normalized")}, {site.Scratch("InverseStd")}, {Values(plan, site, "gamma")}, {site.GradientOf(plan.Tensor("gamma"))}, {site.GradientOf(plan.Tensor("beta"))}, {site.InputGradient ?? "default"}, {Rows(layer, site.Count)}, {layer.Features}, batchStatistics: training);");
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation)
    {
        var layer = (BatchNormalizationLayer)plan.Layer;
        w.WriteLine($"{BatchNormalizationReference}.InferenceInputGradient({site.OutputGradient}, {Values(plan, site, "gamma")}, {Values(plan, site, "moving_variance")}, {site.InputGradient}, {(layer.Positions == 1 ? string.Empty : $"{layer.Positions}, ")}{layer.Features}, epsilon: {Literals.Float(layer.Epsilon)});");
    }

    private static string Inference(LayerPlan plan, LayerSite site, string kept)
    {
        var layer = (BatchNormalizationLayer)plan.Layer;
        return $"{BatchNormalizationReference}.ForwardInference({site.Input}, {Values(plan, site, "gamma")}, {Values(plan, site, "beta")}, {Values(plan, site, "moving_mean")}, {Values(plan, site, "moving_variance")}, {site.Output}, {Rows(layer, site.Count)}, {layer.Features}, epsilon: {Literals.Float(layer.Epsilon)}, {kept})";
    }

    /// <summary>Rows of channels in <paramref name="count"/> samples: each position of an image or a sequence is a row.</summary>
    private static string Rows(BatchNormalizationLayer layer, string count) => layer.Positions == 1 ? count : $"{count} * {layer.Positions}";

    private static string Values(LayerPlan plan, LayerSite site, string tensor) => site.Values(plan.Tensor(tensor));
}
