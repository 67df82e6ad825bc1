using StaticNet.Generator.Emit;
using StaticNet.Generator.Emit.MatrixProducts;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// A Dense layer's code: the one-sample inference pass (<see cref="DenseInferenceCode"/>), written into <c>Forward</c> or
/// as <c>{Prefix}Forward</c>, and the mini-batch passes <c>{Prefix}ForwardBatch</c> (<see cref="MatrixProductForwardCode"/>)
/// and <c>{Prefix}BackwardBatch</c> (<see cref="MatrixProductBackwardCode"/>), with 512-bit twins where the plan says so. Each
/// method checks its spans once at the top, so the JIT drops every bounds check after it, and takes the runtime's
/// <c>DenseReference</c> where 256-bit SIMD is not accelerated.
/// </summary>
internal sealed class DenseEmitter : ILayerEmitter, IStreamingEmitter, ILanesEmitter
{
    public static readonly DenseEmitter Instance = new();

    /// <summary>The runtime's reference implementation: the portable path of every SIMD method.</summary>
    public const string DenseReference = MatrixProduct.RowReference;

    public string Describe(LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        string regularization = (dense.Kernel.L1, dense.Kernel.L2) switch
        {
            (0f, 0f) => string.Empty,
            (0f, float l2) => $", L2 = {Literals.Float(l2)}",
            (float l1, 0f) => $", L1 = {Literals.Float(l1)}",
            (float l1, float l2) => $", L1 = {Literals.Float(l1)}, L2 = {Literals.Float(l2)}",
        };
        return $"Dense({dense.Units}, {ActivationCode.Describe(dense.Activation, dense.NegativeSlope)}{regularization})";
    }

    public string? DescribeCode(LayerPlan plan) =>
        $"{(plan.Dense().Compact ? "compact, " : string.Empty)}{StrategyName(plan.Dense().Strategy)} ({Literals.Count(((DenseLayer)plan.Layer).KernelSize)} weights)";

    public string Info(LayerPlan plan, string common)
    {
        var dense = (DenseLayer)plan.Layer;
        return $"new global::StaticNet.DenseLayerInfo({common}, {ActivationEnum}.{dense.Activation}, {Literals.Float(dense.NegativeSlope)}, {Literals.Float(dense.Kernel.L1)}, {Literals.Float(dense.Kernel.L2)}, \"{plan.Dense().Strategy}\")";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused)
    {
        var dense = (DenseLayer)plan.Layer;
        if (dense.Steps > 1)
        {
            // On a sequence, one sample is a row per step: the mini-batch pass over those rows.
            WriteInferenceBatch(w, plan, site);
            return;
        }

        if (!fused)
        {
            w.WriteLine($"{dense.Prefix}Forward({Kernel(plan, site)}, {Bias(plan, site)}, {site.Input}, {site.Output});");
            return;
        }

        w.WriteLine($"// {dense.Name}: {dense.Inputs} → {dense.Units}, {StrategyName(plan.Dense().Strategy)}");
        using (w.OpenScope())
        {
            w.WriteLine($"{ReadOnlySpan} kernel = {Kernel(plan, site)};");
            w.WriteLine($"{ReadOnlySpan} bias = {Bias(plan, site)};");
            w.WriteLine($"{ReadOnlySpan} x = {site.Input};");
            w.WriteLine($"{Span} y = {site.Output};");
            DenseInferenceCode.WriteStraightLine(w, plan);
        }

        w.WriteLine();
    }

    public bool NeedsPortableInference(LayerPlan plan) => ((DenseLayer)plan.Layer).Steps == 1 && plan.Dense().Strategy != EmitStrategy.Unrolled;

    /// <summary>
    /// The mini-batch pass over one row: where 256-bit vectors are not accelerated it runs its 128-bit twin (a default
    /// Native AOT build, Arm64), whose register tile computes that row in each of its 4 (Iris's one-sample
    /// <c>Forward</c> on SSE without FMA, Zen 4: 181 ns through the runtime's reference loops, 103–106 ns so), and the
    /// reference only where no vectors are.
    /// </summary>
    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInferenceBatch(w, plan, site);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        if (plan.Dense().Product.TransposedKernel)
        {
            var dense = (DenseLayer)plan.Layer;
            w.WriteLine($"{Matrices}.Transpose({Kernel(plan, site)}, {dense.Inputs}, {dense.Units}, {site.Scratch("TransposedKernel")});");
        }
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInferenceBatch(w, plan, site);

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) =>
        w.WriteLine(plan.Dense().Compact
            ? Reference(plan, Kernel(plan, site), Bias(plan, site), site.Input, site.Output, Rows(plan, site))
            : MatrixProductForwardCode.Call(plan.Dense().Product, Kernel(plan, site), Bias(plan, site), site.Input, site.Output, Rows(plan, site)));

    /// <summary>The rows a pass runs over: the samples, times the steps on a sequence (the same kernel for every step, as Keras).</summary>
    private static string Rows(LayerPlan plan, LayerSite site)
    {
        int steps = ((DenseLayer)plan.Layer).Steps;
        return steps == 1 ? site.Count : site.Count == "1" ? steps.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{site.Count} * {steps}";
    }

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        if (plan.Dense().Compact)
        {
            var dense = (DenseLayer)plan.Layer;
            bool through = plan.Dense().Product.ThroughActivation;
            w.WriteLine($"{DenseReference}.Backward({Kernel(plan, site)}, {site.Input}, {(through ? site.Output : "default")}, {site.OutputGradient}, {site.GradientOf(plan.Tensor("kernel"))}, {site.GradientOf(plan.Tensor("bias"))}, {site.InputGradient ?? "default"}, {Rows(plan, site)}, {dense.Inputs}, {dense.Units}, {ActivationEnum}.{dense.Activation}, {Literals.Float(dense.NegativeSlope)}, throughActivation: {(through ? "true" : "false")});");
            return;
        }

        string kernel = plan.Dense().Product.TransposedKernel ? site.Scratch("TransposedKernel") : Kernel(plan, site);
        w.WriteLine(MatrixProductBackwardCode.Call(plan.Dense().Product, kernel, site.Input, site.Output, site.OutputGradient!, site.GradientOf(plan.Tensor("kernel")), site.GradientOf(plan.Tensor("bias")), site.InputGradient, Rows(plan, site)));
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
        if (!network.FusedForward && ((DenseLayer)plan.Layer).Steps == 1)
        {
            DenseInferenceCode.WriteMethod(w, plan);
            w.WriteLine();
        }

        if (plan.Dense().Compact)
        {
            return; // the mini-batch passes are calls to DenseReference, written where they are used
        }

        MatrixProductForwardCode.Write(w, plan.Dense().Product);
        w.WriteLine();
        if (network.InferenceInLanes && !plan.IdentityInInference)
        {
            MatrixProductLanesCode.Write(w, plan.Dense().Product);
            w.WriteLine();
        }

        if (plan.RunsBackward)
        {
            MatrixProductBackwardCode.Write(w, plan.Dense().Product);
            w.WriteLine();
        }
    }

    /// <summary>How a strategy reads in comments.</summary>
    public string LanesCall(LayerPlan plan, LayerSite site, string blocks) =>
        MatrixProductLanesCode.Call(plan.Dense().Product, Kernel(plan, site), Bias(plan, site), site.Input, site.Output, blocks);

    public static string StrategyName(EmitStrategy strategy) => strategy switch
    {
        EmitStrategy.Unrolled => "unrolled",
        EmitStrategy.Simd => "SIMD across units",
        EmitStrategy.Loop => "loop over inputs",
        _ => throw new System.ArgumentOutOfRangeException(nameof(strategy), strategy, "An unknown strategy."),
    };

    /// <summary>The runtime's reference implementation of the forward pass for <paramref name="count"/> rows, as one statement.</summary>
    public static string Reference(LayerPlan plan, string kernel, string bias, string x, string y, string count) =>
        plan.Dense().Product.Reference(kernel, bias, x, y, count);

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation)
    {
        var dense = (DenseLayer)plan.Layer;
        string Line(string output, string outputGradient, string inputGradient) =>
            $"{DenseReference}.InputGradient({Kernel(plan, site)}, {(throughActivation ? output : "default")}, {outputGradient}, {inputGradient}, {dense.Inputs}, {dense.Units}, {ActivationEnum}.{dense.Activation}, {Literals.Float(dense.NegativeSlope)}, throughActivation: {(throughActivation ? "true" : "false")});";
        if (dense.Steps == 1)
        {
            w.WriteLine(Line(site.Output, site.OutputGradient!, site.InputGradient!));
            return;
        }

        using (w.Open($"for (int step = 0; step < {dense.Steps}; step++)"))
        {
            w.WriteLine(Line($"{site.Output}.Slice(step * {dense.Units}, {dense.Units})", $"{site.OutputGradient}.Slice(step * {dense.Units}, {dense.Units})", $"{site.InputGradient}.Slice(step * {dense.Inputs}, {dense.Inputs})"));
        }
    }

    private static string Kernel(LayerPlan plan, LayerSite site) => site.Values(plan.Tensor("kernel"));

    private static string Bias(LayerPlan plan, LayerSite site) => site.Values(plan.Tensor("bias"));

    /// <summary>On the last recurrent layer's state, one sample, through the runtime's reference (the step's cost is the recurrence).</summary>
    public void WriteStep(SourceWriter w, LayerPlan plan, LayerSite site, string? state)
    {
        var layer = (DenseLayer)plan.Layer;
        w.WriteLine($"global::StaticNet.Generated.DenseReference.Forward({site.Values(plan.Tensor("kernel"))}, {site.Values(plan.Tensor("bias"))}, {site.Input}, {site.Output}, 1, {layer.Inputs}, {layer.Units}, "
            + $"{TypeNames.ActivationEnum}.{layer.Activation}, {Literals.Float(layer.NegativeSlope)}, activate: {Literals.Bool(!plan.DefersActivation)});");
    }
}
