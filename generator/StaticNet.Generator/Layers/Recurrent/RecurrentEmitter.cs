using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Recurrent;

/// <summary>
/// A recurrent layer's code: calls of the runtime's <c>RecurrentReference</c> with the layer's sizes and settings in a
/// static <c>RecurrentGeometry</c> field. Training keeps every step's record (gates and states) in the workspace for
/// backpropagation through time; saliency runs the same pair of passes on buffers the runtime rents.
/// </summary>
internal sealed class RecurrentEmitter : ILayerEmitter, IStreamingEmitter
{
    public static readonly RecurrentEmitter Instance = new();

    private const string Reference = "global::StaticNet.Generated.RecurrentReference";

    public string Describe(LayerPlan plan)
    {
        RecurrentLayer layer = Layer(plan);
        return layer.Type switch
        {
            "SimpleRNN" => $"SimpleRNN({layer.Units}, {layer.Activation}{Sequences(layer)})",
            "GRU" => $"GRU({layer.Units}, {layer.Activation}, {layer.RecurrentActivation}{Sequences(layer)}{(layer.ResetAfter ? string.Empty : ", reset before")})",
            _ => $"LSTM({layer.Units}, {layer.Activation}, {layer.RecurrentActivation}{Sequences(layer)})",
        };
    }

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common)
    {
        RecurrentLayer layer = Layer(plan);
        ParameterTensor kernel = layer.Parameters[0];
        return $"new global::StaticNet.RecurrentLayerInfo({common}, global::StaticNet.Activation.{layer.Activation}, global::StaticNet.Activation.{layer.RecurrentActivation}, {Literals.Bool(layer.ReturnSequences)}, {Literals.Bool(layer.ResetAfter)}, {Literals.Float(kernel.L1)}, {Literals.Float(kernel.L2)})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) =>
        w.WriteLine($"{Reference}.Forward({site.Input}, {Tensors(plan, site)}, {site.Output}, default, {site.Count}, {Geometry(plan)});");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine($"{Reference}.Forward({site.Input}, {Tensors(plan, site)}, {site.Output}, {site.Scratch("Records")}, {site.Count}, {Geometry(plan)});");

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine($"{Reference}.Backward({site.Input}, {site.Values(plan.Tensor("kernel"))}, {site.Values(plan.Tensor("recurrent_kernel"))}, {site.Scratch("Records")}, {site.OutputGradient}, "
            + $"{site.GradientOf(plan.Tensor("kernel"))}, {site.GradientOf(plan.Tensor("recurrent_kernel"))}, {site.GradientOf(plan.Tensor("bias"))}, {site.InputGradient ?? "default"}, {site.Count}, {Geometry(plan)});");

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
        RecurrentLayer layer = Layer(plan);
        w.WriteLine($"/// <summary>{layer.Name}'s sizes and settings, for the runtime's recurrent passes.</summary>");
        w.WriteLine($"private static readonly global::StaticNet.Generated.RecurrentGeometry {Geometry(plan)} = new(global::StaticNet.Generated.RecurrentCell.{layer.Type}, "
            + $"{layer.Steps}, {layer.Features}, {layer.Units}, global::StaticNet.Activation.{layer.Activation}, global::StaticNet.Activation.{layer.RecurrentActivation}, "
            + $"{Literals.Bool(layer.ReturnSequences)}, {Literals.Bool(layer.ResetAfter)});");
        w.WriteLine();
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        w.WriteLine($"{Reference}.InputGradient({site.Input}, {Tensors(plan, site)}, {site.OutputGradient}, {site.InputGradient}, {Geometry(plan)});");

    private static string Tensors(LayerPlan plan, LayerSite site) =>
        $"{site.Values(plan.Tensor("kernel"))}, {site.Values(plan.Tensor("recurrent_kernel"))}, {site.Values(plan.Tensor("bias"))}";

    private static string Geometry(LayerPlan plan) => plan.Layer.Prefix + "Geometry";

    private static string Sequences(RecurrentLayer layer) => layer.ReturnSequences ? ", return sequences" : string.Empty;

    private static RecurrentLayer Layer(LayerPlan plan) => (RecurrentLayer)plan.Layer;

    public void WriteStep(SourceWriter w, LayerPlan plan, LayerSite site, string? state) =>
        w.WriteLine($"{Reference}.Step({site.Input}, {Tensors(plan, site)}, {state}, {site.Output}, {Geometry(plan)});");
}
