using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>
/// Pooling's part of planning: whether its windows are simple enough (inside the image, a few cells, several channels)
/// for generated methods with constant sizes. The runtime's general loops computed every window's clipped bounds and
/// branched on max or average per cell: 14 % of LeNet-5's training step, against about 4 % written out.
/// </summary>
internal sealed class Pooling2DPlanner : ILayerPlanner
{
    public static readonly Pooling2DPlanner Instance = new();

    /// <summary>Windows of more cells (a global pooling over a whole image) run the runtime's loops: each cell is a line here.</summary>
    public const int MaxGeneratedCells = 16;

    /// <summary>
    /// Characters of the layer's code: for generated methods their fixed part and a few lines per window cell, forward
    /// and backward; for calls of the runtime, what any such layer takes.
    /// </summary>
    public static int EstimatedChars(Window2DGeometry window) =>
        Generates(window) ? 12_000 + 1_200 * window.WindowHeight * window.WindowWidth : PlainLayerPlanner.LayerChars;

    public int BackwardScratchWanted(LayerModel layer, bool needsInputGradient) => 0;

    public (int Specialised, int? Compact) EstimatedChars(LayerModel layer, CodeStrategy requested) => (EstimatedChars(((Pooling2DLayer)layer).Window), null);

    public KindPlan Plan(LayerModel layer, KindPlanContext context)
    {
        var pool = (Pooling2DLayer)layer;
        Window2DGeometry g = pool.Window;
        bool forward = !pool.Masked && Generates(g); // a masked mean reads the token ids per sample: the runtime's MaskedPooling
        bool disjoint = g.StrideHeight >= g.WindowHeight && g.StrideWidth >= g.WindowWidth;
        bool covers = g.StrideHeight == g.WindowHeight && g.StrideWidth == g.WindowWidth
            && g.OutputHeight * g.StrideHeight == g.Height && g.OutputWidth * g.StrideWidth == g.Width;
        return new Pooling2DPlan(forward, forward && disjoint, covers);
    }

    /// <summary>Whether the forward pass is generated: every window inside the image, few cells, a vector of channels.</summary>
    private static bool Generates(Window2DGeometry g) =>
        g.Dilation == 1
        && g.WindowHeight * g.WindowWidth <= MaxGeneratedCells
        && g.Channels >= VectorWidth.V128.Lanes
        && Conv2D.PatchesCode.Applies(g);
}
