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
        return (layer.Bidirectional ? "Bidirectional " : string.Empty) + layer.Type switch
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
        return $"new global::StaticNet.RecurrentLayerInfo({common}, global::StaticNet.Activation.{layer.Activation}, global::StaticNet.Activation.{layer.RecurrentActivation}, {Literals.Bool(layer.ReturnSequences)}, {Literals.Bool(layer.ResetAfter)}, {Literals.Float(kernel.L1)}, {Literals.Float(kernel.L2)}, {Literals.Bool(layer.Bidirectional)})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused)
    {
        w.WriteLine($"{Reference}.Forward({site.Input}, {Tensors(plan, site)}, {site.Output}, default, {site.Count}, {Geometry(plan)}{Tokens(plan, site)});");
        if (Layer(plan).Bidirectional)
        {
            w.WriteLine($"{Reference}.Forward({site.Input}, {Tensors(plan, site, Backward)}, {site.Output}, default, {site.Count}, {Geometry(plan, Backward)}{Tokens(plan, site)});");
        }
    }

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        w.WriteLine($"{Reference}.Forward({site.Input}, {Tensors(plan, site)}, {site.Output}, {site.Scratch("Records")}, {site.Count}, {Geometry(plan)}{Tokens(plan, site)});");
        if (Layer(plan).Bidirectional)
        {
            w.WriteLine($"{Reference}.Forward({site.Input}, {Tensors(plan, site, Backward)}, {site.Output}, {site.Scratch("BackwardRecords")}, {site.Count}, {Geometry(plan, Backward)}{Tokens(plan, site)});");
        }
    }

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        WriteBackward(w, plan, site, string.Empty, "Records");
        if (Layer(plan).Bidirectional)
        {
            WriteBackward(w, plan, site, Backward, "BackwardRecords"); // adds its input gradient to the forward direction's
        }
    }

    private static void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site, string direction, string records) =>
        w.WriteLine($"{Reference}.Backward({site.Input}, {site.Values(plan.Tensor(direction + "kernel"))}, {site.Values(plan.Tensor(direction + "recurrent_kernel"))}, {site.Scratch(records)}, {site.OutputGradient}, "
            + $"{site.GradientOf(plan.Tensor(direction + "kernel"))}, {site.GradientOf(plan.Tensor(direction + "recurrent_kernel"))}, {site.GradientOf(plan.Tensor(direction + "bias"))}, {site.InputGradient ?? "default"}, {site.Count}, {Geometry(plan, direction)}{Tokens(plan, site)});");

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
        RecurrentLayer layer = Layer(plan);
        string common = $"global::StaticNet.Generated.RecurrentCell.{layer.Type}, {layer.Steps}, {layer.Features}, {layer.Units}, global::StaticNet.Activation.{layer.Activation}, "
            + $"global::StaticNet.Activation.{layer.RecurrentActivation}, {Literals.Bool(layer.ReturnSequences)}, {Literals.Bool(layer.ResetAfter)}";
        if (!layer.Bidirectional)
        {
            w.WriteLine($"/// <summary>{layer.Name}'s sizes and settings, for the runtime's recurrent passes.</summary>");
            w.WriteLine($"private static readonly global::StaticNet.Generated.RecurrentGeometry {Geometry(plan)} = new({common});");
            w.WriteLine();
            return;
        }

        w.WriteLine($"/// <summary>{layer.Name}'s forward direction: its units first in each output row of {2 * layer.Units}.</summary>");
        w.WriteLine($"private static readonly global::StaticNet.Generated.RecurrentGeometry {Geometry(plan)} = new({common}, Width: {2 * layer.Units});");
        w.WriteLine();
        w.WriteLine($"/// <summary>{layer.Name}'s backward direction: the steps last to first, its units second, its input gradient added to the forward one's.</summary>");
        w.WriteLine($"private static readonly global::StaticNet.Generated.RecurrentGeometry {Geometry(plan, Backward)} = new({common}, Reverse: true, OutputOffset: {layer.Units}, Width: {2 * layer.Units}, AddInputGradient: true);");
        w.WriteLine();
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation)
    {
        w.WriteLine($"{Reference}.InputGradient({site.Input}, {Tensors(plan, site)}, {site.OutputGradient}, {site.InputGradient}, {Geometry(plan)}{Tokens(plan, site)});");
        if (Layer(plan).Bidirectional)
        {
            w.WriteLine($"{Reference}.InputGradient({site.Input}, {Tensors(plan, site, Backward)}, {site.OutputGradient}, {site.InputGradient}, {Geometry(plan, Backward)}{Tokens(plan, site)});");
        }
    }

    /// <summary>The backward direction's tensor names' prefix.</summary>
    private const string Backward = "backward_";

    private static string Tensors(LayerPlan plan, LayerSite site, string direction = "") =>
        $"{site.Values(plan.Tensor(direction + "kernel"))}, {site.Values(plan.Tensor(direction + "recurrent_kernel"))}, {site.Values(plan.Tensor(direction + "bias"))}";

    private static string Geometry(LayerPlan plan, string direction = "") => plan.Layer.Prefix + (direction.Length == 0 ? "Geometry" : "BackwardGeometry");

    /// <summary>The token ids' argument where a padding mask reaches the layer (steps with id 0 are skipped), else nothing.</summary>
    private static string Tokens(LayerPlan plan, LayerSite site) => Layer(plan).Masked ? $", tokens: {site.Tokens}" : string.Empty;

    private static string Sequences(RecurrentLayer layer) => layer.ReturnSequences ? ", return sequences" : string.Empty;

    private static RecurrentLayer Layer(LayerPlan plan) => (RecurrentLayer)plan.Layer;

    public void WriteStep(SourceWriter w, LayerPlan plan, LayerSite site, string? state) =>
        w.WriteLine($"{Reference}.Step({site.Input}, {Tensors(plan, site)}, {state}, {site.Output}, {Geometry(plan)}{(Layer(plan).Masked ? $", masked: {site.Tokens}[0] == 0f" : string.Empty)});");
}
