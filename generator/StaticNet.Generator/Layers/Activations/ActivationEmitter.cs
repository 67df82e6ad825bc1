using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Activations;

/// <summary>
/// A standalone activation's code: calls of the runtime's element-wise <c>ActivationReference</c>, forward, and backward
/// through the layer's output (through its input for GELU and SiLU, the only kind that applies them). As the network's last layer it writes nothing: the plan skips it, and its activation is
/// the network's output activation (fused into the loss, applied at the end of <c>Forward</c>).
/// </summary>
internal sealed class ActivationEmitter : ILayerEmitter, IStreamingEmitter
{
    public static readonly ActivationEmitter Instance = new();

    private const string ActivationReference = "global::StaticNet.Generated.ActivationReference";

    public string Describe(LayerPlan plan) => $"Activation({ActivationCode.Describe(Layer(plan).Function.Function, Layer(plan).Function.NegativeSlope)})";

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common) =>
        $"new global::StaticNet.ActivationLayerInfo({common}, {ActivationEnum}.{Layer(plan).Function.Function}, {Literals.Float(Layer(plan).Function.NegativeSlope)})";

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) => w.WriteLine(Forward(plan, site) + ";");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        if (site.InputGradient is not null)
        {
            w.WriteLine(Backward(plan, site, site.Count));
        }
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) => w.WriteLine(Backward(plan, site, "1"));

    // GELU and SiLU read the layer's input (their derivatives are not functions of the output); the others its output.
    private static string Backward(LayerPlan plan, LayerSite site, string count) =>
        Layer(plan).Function.Function is Activation.GELU or Activation.GELUTanh or Activation.SiLU
            ? $"{ActivationReference}.Backward({site.Input}, {site.Output}, {site.OutputGradient}, {site.InputGradient}, {count}, {plan.Layer.Output.Size}, {Function(plan)});"
            : $"{ActivationReference}.Backward({site.Output}, {site.OutputGradient}, {site.InputGradient}, {count}, {plan.Layer.Output.Size}, {Function(plan)});";

    private static string Forward(LayerPlan plan, LayerSite site) =>
        $"{ActivationReference}.Forward({site.Input}, {site.Output}, {site.Count}, {plan.Layer.Output.Size}, {Function(plan)})";

    private static string Function(LayerPlan plan) =>
        $"{ActivationEnum}.{Layer(plan).Function.Function}, {Literals.Float(Layer(plan).Function.NegativeSlope)}";

    private static ActivationLayer Layer(LayerPlan plan) => (ActivationLayer)plan.Layer;

    public void WriteStep(SourceWriter w, LayerPlan plan, LayerSite site, string? state) =>
        w.WriteLine(plan.DefersActivation
            ? $"{site.Input}.CopyTo({site.Output}); // the network applies it to the output"
            : $"{ActivationReference}.Forward({site.Input}, {site.Output}, 1, {plan.Layer.Output.Channels}, {Function(plan)});");
}
