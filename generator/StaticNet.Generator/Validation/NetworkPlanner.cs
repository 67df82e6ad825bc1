using System.Collections.Generic;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Validation;

/// <summary>
/// Turns a valid declared shape into the spec the emitter writes: layer numbers, parameter offsets, and the strategy for
/// each layer's code.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>
    /// Layers with at most this many weights are written as straight-line scalar code. Measured here: unrolled scalar code
    /// beats a vectorised loop for tiny layers (4×4: 7.8 vs 15 ns) and loses from 32×32 up; 256 weights keep the backward
    /// method (two multiply-adds per weight) near 6,000 IL instructions, far inside the JIT's MinOpts limits (20,000).
    /// </summary>
    public const int UnrollLimit = 256;

    /// <summary>
    /// Layers of at least <see cref="Emit.SimdDenseEmitter.Lanes"/> units are written as straight-line SIMD across units
    /// while one pass needs at most this many vector multiply-adds (inputs × blocks of 8 units). The backward method, the
    /// larger, costs about 90 IL bytes per vector operation (a kernel-gradient load, FMA and store, and a dot-product FMA),
    /// so 256 keeps it near 23,000 bytes: under half the JIT's 60,000-byte limit (measured by the generator tests).
    /// </summary>
    public const int SimdLimit = 256;

    /// <summary>Whether <paramref name="strategy"/> can write a layer of <paramref name="inputs"/> × <paramref name="units"/> inside the per-method budget.</summary>
    public static bool Fits(CodeStrategy strategy, int inputs, int units) => strategy switch
    {
        CodeStrategy.Unrolled => (long)inputs * units <= UnrollLimit,
        CodeStrategy.Simd => units >= Emit.SimdDenseEmitter.Lanes && (long)inputs * Emit.SimdDenseEmitter.Blocks(units).Count <= SimdLimit,
        _ => true,
    };

    /// <summary>
    /// The strategy for a layer of <paramref name="inputs"/> × <paramref name="units"/>: the requested one where it fits,
    /// otherwise (and for <see cref="CodeStrategy.Auto"/>) SIMD across units, then unrolled scalar code, then row loops.
    /// </summary>
    public static EmitStrategy Choose(int inputs, int units, CodeStrategy requested = CodeStrategy.Auto)
    {
        if (requested != CodeStrategy.Auto && Fits(requested, inputs, units))
        {
            return requested switch
            {
                CodeStrategy.Unrolled => EmitStrategy.Unrolled,
                CodeStrategy.Simd => EmitStrategy.Simd,
                _ => EmitStrategy.Loop,
            };
        }

        if (Fits(CodeStrategy.Simd, inputs, units))
        {
            return EmitStrategy.Simd;
        }

        return Fits(CodeStrategy.Unrolled, inputs, units) ? EmitStrategy.Unrolled : EmitStrategy.Loop;
    }

    public static EquatableArray<LayerSpec> Plan(int inputSize, IReadOnlyList<DeclaredAttribute> attributes, CodeStrategy requested = CodeStrategy.Auto)
    {
        var layers = new List<LayerSpec>();
        int inputs = inputSize;
        int offset = 0;
        foreach (DeclaredAttribute attribute in attributes)
        {
            if (attribute.Kind != ShapeAttributeKind.Dense)
            {
                continue;
            }

            var layer = new LayerSpec(
                layers.Count + 1,
                inputs,
                attribute.Size,
                (Activation)attribute.Activation,
                attribute.NegativeSlope,
                (Initializer)attribute.KernelInitializer,
                (Initializer)attribute.BiasInitializer,
                offset,
                Choose(inputs, attribute.Size, requested));
            layers.Add(layer);
            offset += layer.ParameterCount;
            inputs = attribute.Size;
        }

        return new EquatableArray<LayerSpec>(layers);
    }
}
