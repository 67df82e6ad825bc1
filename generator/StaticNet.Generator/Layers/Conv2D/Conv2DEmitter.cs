using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// A convolution's code: calls of the runtime's <c>Conv2DReference</c> with the window's geometry as constants, in every
/// pass. As the network's last layer it writes pre-activations and leaves its activation to the network.
/// </summary>
internal sealed class Conv2DEmitter : ILayerEmitter
{
    public static readonly Conv2DEmitter Instance = new();

    private const string Conv2DReference = "global::StaticNet.Generated.Conv2DReference";

    public string Describe(LayerPlan plan)
    {
        Conv2DLayer conv = Layer(plan);
        string kernel = conv.Input.Rank == 2 ? $"{conv.Window.WindowWidth}" : $"{conv.Window.WindowHeight}×{conv.Window.WindowWidth}";
        return $"{conv.Type}({conv.Filters}, {kernel}, {ActivationCode.Describe(conv.Function.Function, conv.Function.NegativeSlope)}, strides {conv.Window.StrideWidth}, dilation {conv.Window.Dilation}, {conv.Padding})";
    }

    public string? DescribeCode(LayerPlan plan) => "loops over output pixels, vectorised across filters (the runtime's Conv2DReference)";

    public string Info(LayerPlan plan, string common)
    {
        Conv2DLayer conv = Layer(plan);
        return $"new global::StaticNet.{conv.Type}LayerInfo({common}, {ActivationEnum}.{conv.Function.Function}, {Literals.Float(conv.Function.NegativeSlope)}, {conv.Window.StrideWidth}, {conv.Window.Dilation}, global::StaticNet.Padding.{conv.Padding}, {Literals.Float(conv.Kernel.L1)}, {Literals.Float(conv.Kernel.L2)})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) => w.WriteLine(Forward(plan, site) + ";");

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine(Backward(plan, site, site.GradientOf(plan.Tensor("kernel")), site.GradientOf(plan.Tensor("bias")), site.Count, !plan.DefersActivation));

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) =>
        w.WriteLine(Backward(plan, site, "default", "default", "1", throughActivation));

    private static string Forward(LayerPlan plan, LayerSite site)
    {
        Conv2DLayer conv = Layer(plan);
        return $"{Conv2DReference}.Forward({site.Input}, {site.Values(plan.Tensor("kernel"))}, {site.Values(plan.Tensor("bias"))}, {site.Output}, {site.Count}, {conv.Window.Literal}, {conv.Filters}, {Function(conv)}, activate: {(plan.DefersActivation ? "false" : "true")})";
    }

    private static string Backward(LayerPlan plan, LayerSite site, string kernelGradient, string biasGradient, string count, bool throughActivation)
    {
        Conv2DLayer conv = Layer(plan);
        return $"{Conv2DReference}.Backward({site.Input}, {site.Output}, {site.OutputGradient}, {site.Values(plan.Tensor("kernel"))}, {kernelGradient}, {biasGradient}, {site.InputGradient ?? "default"}, {count}, {conv.Window.Literal}, {conv.Filters}, {Function(conv)}, throughActivation: {(throughActivation ? "true" : "false")});";
    }

    private static string Function(Conv2DLayer conv) => $"{ActivationEnum}.{conv.Function.Function}, {Literals.Float(conv.Function.NegativeSlope)}";

    private static Conv2DLayer Layer(LayerPlan plan) => (Conv2DLayer)plan.Layer;
}
