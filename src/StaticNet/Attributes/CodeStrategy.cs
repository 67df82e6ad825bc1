namespace StaticNet;

/// <summary>
/// How the generator writes a layer's arithmetic. <see cref="Auto"/> picks per layer from its size, by the rule the
/// benchmarks calibrated (docs/benchmarks.md); the others force one strategy wherever it fits the per-method budget that
/// keeps the JIT optimising (a layer it does not fit falls back to the automatic choice, with warning SNET0017).
/// </summary>
/// <remarks>
/// This file is compiled into both the runtime and the source generator, so the two can never disagree on a value.
/// </remarks>
#if STATICNET_GENERATOR
internal enum CodeStrategy
#else
public enum CodeStrategy
#endif
{
    /// <summary>Chosen per layer: SIMD across units for layers of 8 units or more that fit the budget, unrolled scalar code for smaller ones, row loops beyond.</summary>
    Auto = 0,

    /// <summary>Straight-line scalar code: one fused multiply-add per weight (layers of at most 256 weights).</summary>
    Unrolled = 1,

    /// <summary>Straight-line 256-bit SIMD across the layer's units (layers of 8 units or more, at most 512 vector operations a pass).</summary>
    Simd = 2,

    /// <summary>A loop over kernel rows, each step one vectorised <c>TensorPrimitives</c> call; fits any size.</summary>
    Loop = 3,
}
