using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// Dense's part of planning: how each layer's one-sample pass is written (unrolled, SIMD across units, a loop), its
/// multiply-add chains, which mini-batch passes get 512-bit and 128-bit twins, whether the backward pass wants its kernel
/// transposed, kernel-gradient rows per pass, and the size of its code for the source budget.
/// </summary>
internal sealed class DensePlanner : ILayerPlanner
{
    public static readonly DensePlanner Instance = new();

    /// <summary>
    /// Layers with at most this many weights may be written as straight-line scalar code. Measured here: unrolled scalar
    /// code beats a vectorised loop for tiny layers (4×4: 7.8 vs 15 ns) and loses from 32×32 up.
    /// </summary>
    public const int UnrollLimit = 256;

    /// <summary>
    /// Layers of at least 8 units are written as straight-line SIMD across units while one pass needs at most this many
    /// vector multiply-adds (inputs × blocks of 8 units): a few thousand IL bytes, far inside the JIT's limits.
    /// </summary>
    public const int SimdLimit = 256;

    /// <summary>Units per 256-bit block: the SIMD strategy's width.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// An upper estimate of the characters a Dense layer's specialised code takes, fitted to the generated sizes of every
    /// layer shape from 1 to 1,000 inputs and units (the mini-batch passes, at three widths, grow with the units up to 64, the straight-line
    /// one-sample pass with its operations; a test holds the estimate to the generated code).
    /// </summary>
    public static int EstimatedChars(DenseLayer dense, EmitStrategy strategy) =>
        31_000 + 1_700 * System.Math.Min(dense.Units, 64) + MatrixProduct.NarrowKernelGradientChars(dense.Inputs, dense.Units) + strategy switch
        {
            EmitStrategy.Unrolled => 600 * dense.KernelSize,
            EmitStrategy.Simd => 200 * dense.Inputs * VectorWidth.V256.Blocks(dense.Units).Count,
            EmitStrategy.Loop => 0,
            _ => throw new System.ArgumentOutOfRangeException(nameof(strategy), strategy, "An unknown strategy."),
        };

    /// <summary>Characters of a compact Dense layer's code.</summary>
    public const int CompactLayerChars = 4_000;

    /// <summary>Whether <paramref name="strategy"/> can write a layer of <paramref name="inputs"/> × <paramref name="units"/> inside the per-method budget.</summary>
    public static bool Fits(CodeStrategy strategy, int inputs, int units) => strategy switch
    {
        CodeStrategy.Unrolled => (long)inputs * units <= UnrollLimit,
        CodeStrategy.Simd => units >= Lanes && (long)inputs * VectorWidth.V256.Blocks(units).Count <= SimdLimit,
        CodeStrategy.Loop or CodeStrategy.Auto => true,
        _ => throw new System.ArgumentOutOfRangeException(nameof(strategy), strategy, "an unvalidated strategy"),
    };

    /// <summary>
    /// The strategy for a layer of <paramref name="inputs"/> × <paramref name="units"/>: the requested one where it fits,
    /// otherwise (and for <see cref="CodeStrategy.Auto"/>) SIMD across units, then unrolled scalar code, then loops.
    /// </summary>
    public static EmitStrategy Choose(int inputs, int units, CodeStrategy requested = CodeStrategy.Auto)
    {
        if (requested != CodeStrategy.Auto && Fits(requested, inputs, units))
        {
            return requested switch
            {
                CodeStrategy.Unrolled => EmitStrategy.Unrolled,
                CodeStrategy.Simd => EmitStrategy.Simd,
                CodeStrategy.Loop => EmitStrategy.Loop,
                _ => throw new System.ArgumentOutOfRangeException(nameof(requested), requested, "an unvalidated strategy"),
            };
        }

        if (Fits(CodeStrategy.Simd, inputs, units))
        {
            return EmitStrategy.Simd;
        }

        return Fits(CodeStrategy.Unrolled, inputs, units) ? EmitStrategy.Unrolled : EmitStrategy.Loop;
    }

    public int BackwardScratchWanted(LayerModel layer, bool needsInputGradient)
    {
        // Mini-batch input gradients from a transposed kernel (a sum of rows, vectorised across the inputs, instead of a dot
        // product and horizontal sum per input and sample: horizontal sums dominated the backward pass of 10-unit layers
        // and of narrow layers after wide ones).
        var dense = (DenseLayer)layer;
        return needsInputGradient && dense.Inputs >= Lanes ? dense.KernelSize : 0;
    }

    public (int Specialised, int? Compact) EstimatedChars(LayerModel layer, CodeStrategy requested)
    {
        var dense = (DenseLayer)layer;
        return (EstimatedChars(dense, Choose(dense.Inputs, dense.Units, requested)), CompactLayerChars);
    }

    public KindPlan Plan(LayerModel layer, KindPlanContext context)
    {
        var dense = (DenseLayer)layer;
        EmitStrategy strategy = context.Compact ? EmitStrategy.Loop : Choose(dense.Inputs, dense.Units, context.Requested);
        int blocks = VectorWidth.V256.Blocks(dense.Units).Count;
        int chains = strategy switch
        {
            EmitStrategy.Simd => blocks < 4 && dense.Inputs >= 6 ? 2 : 1,
            EmitStrategy.Unrolled => dense.Units < 4 && dense.Inputs >= 6 ? 2 : 1,
            EmitStrategy.Loop => 1,
            _ => throw new System.ArgumentOutOfRangeException(nameof(context), strategy, "An unknown strategy."),
        };

        return new DensePlan(
            strategy,
            chains,
            MatrixProduct.Plan(dense.Name, dense.Prefix, dense.Inputs, dense.Units, dense.Activation, dense.NegativeSlope, context.DefersActivation, context.NeedsInputGradient, transposedKernel: context.BackwardScratchGranted && !context.Compact),
            dense.Inputs * blocks,
            context.Compact,
            dense.Steps);
    }
}
