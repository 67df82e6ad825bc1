using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>
/// Pooling's code: its generated methods (<see cref="PoolingCode"/>) where its plan says so, else calls of the runtime's
/// <c>Pooling2DReference</c> with the window's geometry as constants. Max pooling's backward pass finds each window's
/// maximum again from the layer's input and output, so nothing more is kept.
/// </summary>
internal sealed class Pooling2DEmitter : ILayerEmitter
{
    public static readonly Pooling2DEmitter Instance = new();

    public const string Reference = "global::StaticNet.Generated.Pooling2DReference";

    /// <summary>The runtime's mean over the steps a padding mask keeps.</summary>
    private const string Masked = "global::StaticNet.Generated.MaskedPooling";

    public string Describe(LayerPlan plan)
    {
        Pooling2DLayer pool = Layer(plan);
        string window = pool.Input.Rank == 2 ? $"{pool.Window.WindowWidth}" : $"{pool.Window.WindowHeight}×{pool.Window.WindowWidth}";
        string strides = pool.Input.Rank == 2 ? $"{pool.Window.StrideWidth}" : $"{pool.Window.StrideHeight}×{pool.Window.StrideWidth}";
        return pool.Output.Rank == 1 ? $"{pool.Type}() over {window}" : $"{pool.Type}({window}, strides {strides}, {pool.Padding})";
    }

    public string? DescribeCode(LayerPlan plan) => null;

    public string Info(LayerPlan plan, string common)
    {
        Pooling2DLayer pool = Layer(plan);
        return $"new global::StaticNet.Pooling2DLayerInfo({common}, {pool.Window.WindowHeight}, {pool.Window.WindowWidth}, {pool.Window.StrideHeight}, {pool.Window.StrideWidth}, global::StaticNet.Padding.{pool.Padding})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused)
    {
        Pooling2DLayer pool = Layer(plan);
        if (pool.Masked)
        {
            w.WriteLine($"{Masked}.AverageForward({site.Input}, {site.Tokens}, {site.Output}, {site.Count}, {pool.Input.Dimensions[0]}, {pool.Input.Channels});");
            return;
        }

        w.WriteLine(plan.Pooling().GeneratedForward
            ? $"{PoolingCode.ForwardMethod(pool)}({site.Input}, {site.Output}, {site.Count});"
            : $"{Reference}.{(pool.IsMax ? "Max" : "Average")}Forward({site.Input}, {site.Output}, {site.Count}, {pool.Window.Literal});");
    }

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: true);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInference(w, plan, site, fused: false);

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteBackward(w, plan, site, site.Count);

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
        Pooling2DPlan pooling = plan.Pooling();
        if (pooling.GeneratedForward)
        {
            PoolingCode.WriteForward(w, Layer(plan));
            w.WriteLine();
        }

        if (pooling.GeneratedBackward)
        {
            // Training needs it where an earlier layer learns; InputGradient (saliency) always does.
            PoolingCode.WriteBackward(w, Layer(plan), pooling);
            w.WriteLine();
        }
    }

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation) => WriteBackward(w, plan, site, "1");

    private static void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site, string count)
    {
        if (site.InputGradient is null)
        {
            return;
        }

        Pooling2DLayer pool = Layer(plan);
        if (pool.Masked)
        {
            w.WriteLine($"{Masked}.AverageBackward({site.Tokens}, {site.OutputGradient}, {site.InputGradient}, {count}, {pool.Input.Dimensions[0]}, {pool.Input.Channels});");
            return;
        }

        if (plan.Pooling().GeneratedBackward)
        {
            w.WriteLine(pool.IsMax
                ? $"{PoolingCode.BackwardMethod(pool)}({site.Input}, {site.Output}, {site.OutputGradient}, {site.InputGradient}, {count});"
                : $"{PoolingCode.BackwardMethod(pool)}({site.OutputGradient}, {site.InputGradient}, {count});");
            return;
        }

        w.WriteLine(pool.IsMax
            ? $"{Reference}.MaxBackward({site.Input}, {site.Output}, {site.OutputGradient}, {site.InputGradient}, {count}, {pool.Window.Literal});"
            : $"{Reference}.AverageBackward({site.OutputGradient}, {site.InputGradient}, {count}, {pool.Window.Literal});");
    }

    private static Pooling2DLayer Layer(LayerPlan plan) => (Pooling2DLayer)plan.Layer;
}
