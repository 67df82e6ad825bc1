using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// A convolution's decisions, made by <see cref="Conv2DPlanner"/>: its mini-batch passes are a matrix product of each
/// image's patches (one row per output pixel) with the kernel, written by the matrix-product writer Dense uses.
/// </summary>
/// <param name="Product">Patches (pixels × taps·channels) times the kernel (taps·channels × filters).</param>
/// <param name="Pixels">Output pixels of one image: the product's rows per sample.</param>
/// <param name="Pointwise">
/// A 1×1 kernel at stride 1 without padding: an image's patches are the image itself, so a tile's convolution is one
/// product over all its pixels with no patches gathered.
/// </param>
/// <param name="GeneratedPatches">
/// Every window lies inside the image (no padding): its patches are gathered and scattered by generated methods with
/// constant sizes (<see cref="PatchesCode"/>) rather than the runtime's <c>Patches</c>, which checks each tap against the border.
/// </param>
/// <param name="DirectPlan">
/// Where the layer is computed straight from its one-channel image (<see cref="DirectConvolutionCode"/>), how; then no
/// product is written. Null where it is a matrix product.
/// </param>
internal sealed record Conv2DPlan(MatrixProduct Product, int Pixels, bool Pointwise, bool GeneratedPatches, DirectConvolutionPlan? DirectPlan) : KindPlan
{
    /// <summary>Whether the passes read the image itself rather than its patches.</summary>
    public bool Direct => DirectPlan is not null;

    /// <summary>Floats of one image's patches.</summary>
    public int PatchesSize => Pixels * Product.Inputs;

    public override EquatableArray<ScratchBuffer> Scratch
    {
        get
        {
            if (DirectPlan is not null)
            {
                return new(new[]
                {
                    new ScratchBuffer("Expanded", DirectPlan.ExpandedSize, PerSample: false, InInference: true),
                    new ScratchBuffer("GradientRows", DirectPlan.GradientRowsSize, PerSample: false),
                });
            }

            var buffers = new System.Collections.Generic.List<ScratchBuffer>();
            if (!Pointwise)
            {
                buffers.Add(new ScratchBuffer("Patches", PatchesSize, PerSample: false, InInference: true));
                if (Product.NeedsInputGradient)
                {
                    buffers.Add(new ScratchBuffer("PatchesGradient", PatchesSize, PerSample: false));
                }
            }

            if (Product.TransposedKernel)
            {
                buffers.Add(new ScratchBuffer("TransposedKernel", Product.KernelSize, PerSample: false));
            }

            return new(buffers.ToArray());
        }
    }
}

/// <summary>Reading a convolution's decisions from its plan.</summary>
internal static class Conv2DPlanAccess
{
    /// <summary>The convolution decisions of a Conv2D or Conv1D layer's plan.</summary>
    public static Conv2DPlan Conv(this LayerPlan plan) => (Conv2DPlan)plan.Kind;
}
