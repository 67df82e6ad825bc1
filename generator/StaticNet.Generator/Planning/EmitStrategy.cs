namespace StaticNet.Generator.Planning;

/// <summary>How a Dense layer's one-sample forward pass is written (the mini-batch passes have one form of their own).</summary>
internal enum EmitStrategy
{
    /// <summary>Straight-line scalar code: one fused multiply-add per weight, every index a constant.</summary>
    Unrolled,

    /// <summary>
    /// Straight-line SIMD across the layer's units: one 8-lane accumulator per block of units, one fused multiply-add per
    /// input and block, kernel rows read with unaligned (and, for the last block, overlapping) loads at constant offsets.
    /// </summary>
    Simd,

    /// <summary>A loop over the inputs with a constant bound, each step one vector multiply-add per block of units.</summary>
    Loop,
}
