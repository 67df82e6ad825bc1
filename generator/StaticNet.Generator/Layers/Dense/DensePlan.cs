using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// Every code-path decision for one Dense layer, made by <see cref="DensePlanner"/> and nowhere else: the emitters read
/// these and never re-derive a choice from the layer's size.
/// </summary>
/// <param name="Strategy">How the one-sample forward pass is written.</param>
/// <param name="ForwardChains">Multiply-add chains per accumulator in that pass: 2 when too few accumulators would leave the FMA latency exposed.</param>
/// <param name="Batch512">The mini-batch passes get a 512-bit twin, taken where AVX-512 is accelerated.</param>
/// <param name="Batch128">The mini-batch passes get a 128-bit twin, taken where 256-bit vectors are not accelerated but 128-bit ones are (a default Native AOT build).</param>
/// <param name="TransposedKernel">The mini-batch backward pass reads the kernel transposed, made once per call in the workspace.</param>
/// <param name="KernelGradientRows256">Kernel-gradient rows per pass in the 256-bit backward pass.</param>
/// <param name="KernelGradientRows512">The same in the 512-bit one.</param>
/// <param name="KernelGradientRows128">The same in the 128-bit one.</param>
/// <param name="KernelSize">Its kernel's weights (inputs × units): the size of a transposed kernel.</param>
/// <param name="SimdOperations">Vector multiply-adds of the SIMD one-sample pass (inputs × blocks of 8 units).</param>
/// <param name="Compact">
/// The network's specialised code would pass the source budget (<see cref="NetworkPlanner.SourceBudget"/>), so the
/// mini-batch passes are calls to the runtime's loop-based reference implementation and the one-sample pass a loop.
/// </param>
internal sealed record DensePlan(
    EmitStrategy Strategy,
    int ForwardChains,
    bool Batch512,
    bool Batch128,
    bool TransposedKernel,
    int KernelGradientRows256,
    int KernelGradientRows512,
    int KernelGradientRows128,
    int KernelSize,
    int SimdOperations,
    bool Compact) : KindPlan
{
    public override EquatableArray<ScratchBuffer> Scratch => TransposedKernel
        ? new(new[] { new ScratchBuffer("TransposedKernel", KernelSize, PerSample: false) })
        : base.Scratch;

    public override int? FusedForwardOperations => Strategy switch
    {
        EmitStrategy.Simd => SimdOperations,
        EmitStrategy.Unrolled => KernelSize,
        EmitStrategy.Loop => null,
        _ => throw new System.ArgumentOutOfRangeException(nameof(Strategy), Strategy, "An unknown strategy."),
    };

    public int KernelGradientRows(VectorWidth width) =>
        width == VectorWidth.V512 ? KernelGradientRows512 : width == VectorWidth.V128 ? KernelGradientRows128 : KernelGradientRows256;
}

/// <summary>Reading a Dense layer's decisions from its plan.</summary>
internal static class DensePlanAccess
{
    /// <summary>The Dense decisions of a Dense layer's plan.</summary>
    public static DensePlan Dense(this LayerPlan plan) => (DensePlan)plan.Kind;
}
