using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>
/// A pooling layer's decisions, made by <see cref="Pooling2DPlanner"/>: which of its passes are generated methods with
/// every size a constant (<see cref="PoolingCode"/>) rather than calls of the runtime's <c>Pooling2DReference</c>.
/// </summary>
/// <param name="GeneratedForward">
/// Every window lies inside the image, has at most <see cref="Pooling2DPlanner.MaxGeneratedCells"/> cells and the image at
/// least a 128-bit vector of channels: the forward pass is written out cell by cell, a vector of channels at a time.
/// </param>
/// <param name="GeneratedBackward">
/// As <paramref name="GeneratedForward"/>, and no two windows share a cell: each input cell's gradient is written, not
/// added, so the backward pass needs neither a masked last block of channels nor a second read of the gradient.
/// </param>
/// <param name="CoversImage">The windows tile the image exactly, so the backward pass writes every cell and clears nothing first.</param>
internal sealed record Pooling2DPlan(bool GeneratedForward, bool GeneratedBackward, bool CoversImage) : KindPlan;

/// <summary>Reading a pooling layer's decisions from its plan.</summary>
internal static class Pooling2DPlanAccess
{
    public static Pooling2DPlan Pooling(this LayerPlan plan) => (Pooling2DPlan)plan.Kind;
}
