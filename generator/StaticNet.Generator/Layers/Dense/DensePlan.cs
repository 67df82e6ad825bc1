using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// Every code-path decision for one Dense layer, made by <see cref="DensePlanner"/> and nowhere else: the emitters read
/// these and never re-derive a choice from the layer's size.
/// </summary>
/// <param name="Strategy">How the one-sample forward pass is written.</param>
/// <param name="ForwardChains">Multiply-add chains per accumulator in that pass: 2 when too few accumulators would leave the FMA latency exposed.</param>
/// <param name="Product">Its mini-batch passes: a matrix product over a tile of samples.</param>
/// <param name="SimdOperations">Vector multiply-adds of the SIMD one-sample pass (inputs × blocks of 8 units).</param>
/// <param name="Compact">
/// The network's specialised code would pass the source budget (<see cref="NetworkPlanner.SourceBudget"/>), so the
/// mini-batch passes are calls to the runtime's loop-based reference implementation and the one-sample pass a loop.
/// </param>
/// <param name="RowsPerSample">Rows of the product per sample: the steps of a sequence it is applied to at every step, else 1.</param>
internal sealed record DensePlan(
    EmitStrategy Strategy,
    int ForwardChains,
    MatrixProduct Product,
    int SimdOperations,
    bool Compact,
    int RowsPerSample) : KindPlan
{
    /// <summary>A call of the product computes a tile's samples, each <see cref="RowsPerSample"/> rows (the steps of a sequence).</summary>
    public override KindPlan ForTile(int samples) => this with { Product = Product.ForRows((int)System.Math.Min(int.MaxValue, (long)samples * RowsPerSample)) };

    public override EquatableArray<ScratchBuffer> Scratch => Product.TransposedKernel && !Compact
        ? new(new[] { new ScratchBuffer("TransposedKernel", Product.KernelSize, PerSample: false) })
        : base.Scratch;

    /// <summary>A specialised layer over one row per sample whose product runs in lanes (<see cref="MatrixProduct.InLanes"/>).</summary>
    public override bool InferenceInLanes => !Compact && RowsPerSample == 1 && Product.InLanes;

    /// <summary>An accumulator per unit, the input vector and a broadcast weight.</summary>
    public override int LanesVectors => Product.Units + 2;

    public override int? FusedForwardOperations => Strategy switch
    {
        EmitStrategy.Simd => SimdOperations,
        EmitStrategy.Unrolled => Product.KernelSize,
        EmitStrategy.Loop => null,
        _ => throw new System.ArgumentOutOfRangeException(nameof(Strategy), Strategy, "An unknown strategy."),
    };
}

/// <summary>Reading a Dense layer's decisions from its plan.</summary>
internal static class DensePlanAccess
{
    /// <summary>The Dense decisions of a Dense layer's plan.</summary>
    public static DensePlan Dense(this LayerPlan plan) => (DensePlan)plan.Kind;
}
