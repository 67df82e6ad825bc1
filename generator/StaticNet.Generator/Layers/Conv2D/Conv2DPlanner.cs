using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// A convolution's part of planning: the matrix product its passes are (im2col: patches × kernel), whether its patches
/// are its input (pointwise), and whether its backward pass reads the kernel transposed.
/// </summary>
internal sealed class Conv2DPlanner : ILayerPlanner
{
    public static readonly Conv2DPlanner Instance = new();

    /// <summary>
    /// An upper estimate of the characters of a convolution's code: its matrix product's passes at three widths (as a Dense
    /// layer's, which grow with the units up to 64) and the loops over images around them.
    /// </summary>
    public static int EstimatedChars(Conv2DLayer conv) => 30_000 + 1_700 * System.Math.Min(conv.Filters, 64);

    public int BackwardScratchWanted(LayerModel layer, bool needsInputGradient)
    {
        // As Dense's: input gradients summed from rows of the transposed kernel, SIMD across the patch's values.
        var conv = (Conv2DLayer)layer;
        return needsInputGradient && conv.PatchSize >= VectorWidth.V256.Lanes ? conv.Kernel.Size : 0;
    }

    public (int Specialised, int? Compact) EstimatedChars(LayerModel layer, CodeStrategy requested) => (EstimatedChars((Conv2DLayer)layer), null);

    public KindPlan Plan(LayerModel layer, KindPlanContext context)
    {
        var conv = (Conv2DLayer)layer;
        Window2DGeometry window = conv.Window;
        bool pointwise = window.WindowHeight == 1 && window.WindowWidth == 1 && window.StrideHeight == 1 && window.StrideWidth == 1
            && window.OutputHeight == window.Height && window.OutputWidth == window.Width;
        var product = MatrixProduct.Plan(
            conv.Name,
            conv.Prefix,
            conv.PatchSize,
            conv.Filters,
            conv.Function.Function,
            conv.Function.NegativeSlope,
            context.DefersActivation,
            context.NeedsInputGradient,
            transposedKernel: context.BackwardScratchGranted,
            maxRows: window.OutputHeight * window.OutputWidth);
        DirectConvolutionPlan? direct = DirectConvolutionPlanner.Plan(conv, context.NeedsInputGradient);
        return new Conv2DPlan(
            product,
            window.OutputHeight * window.OutputWidth,
            pointwise,
            GeneratedPatches: !pointwise && direct is null && PatchesCode.Applies(window),
            DirectPlan: direct);
    }
}
