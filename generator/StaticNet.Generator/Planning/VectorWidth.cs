using System.Collections.Generic;

namespace StaticNet.Generator.Planning;

/// <summary>
/// One SIMD register width as generated code spells it. Vector code is written against a width, so the same emitter
/// writes a 256-bit method (any AVX2 machine), a 512-bit one (AVX-512: twice the multiply-adds per instruction, and
/// on this project's Zen 5 machines twice the measured FMA throughput, 205 against 102 GFLOP/s on one core) and a
/// 128-bit one (SSE or Arm64 NEON: what a Native AOT build at its default instruction set has, where 256-bit vectors
/// are not accelerated and the runtime's row loops were 3–4× slower than the JIT's code).
/// </summary>
internal sealed class VectorWidth
{
    public static readonly VectorWidth V128 = new(128);
    public static readonly VectorWidth V256 = new(256);
    public static readonly VectorWidth V512 = new(512);

    /// <summary>
    /// Any width, for a pass written once as a generic method over the runtime's <c>ISimdWidth&lt;TVector&gt;</c>: its
    /// type parameters are <c>TSimd</c> (<c>Simd512</c>, <c>Simd256</c> or <c>Simd128</c>) and <c>TVector</c>, and the
    /// JIT compiles one copy per width. Its lanes are <c>TSimd.Lanes</c>, known only then.
    /// </summary>
    public static readonly VectorWidth Generic = new(0);

    /// <summary>The generic methods' type parameters and their constraints, as written after the parameter list.</summary>
    public const string GenericParameters = "<TSimd, TVector>";

    /// <summary>The constraints of <see cref="GenericParameters"/>.</summary>
    public const string GenericConstraints = "where TSimd : global::StaticNet.Generated.ISimdWidth<TVector> where TVector : struct";

    private VectorWidth(int bits)
    {
        Bits = bits;
        lanes = bits / 32;
        if (bits == 0)
        {
            Type = "TSimd";
            Float = "TVector";
            MultiplyAdd = "TSimd.MultiplyAdd";
            Zero = "TSimd.Zero";
            return;
        }

        Type = "global::System.Runtime.Intrinsics.Vector" + bits;
        Float = Type + "<float>";
        Zero = Float + ".Zero";

        // AVX2 and AVX-512 machines have FMA, so the wide methods fuse. A 128-bit machine may not (a default Native AOT
        // build assumes SSE only), and there FusedMultiplyAdd is emulated per element, about 20× slower: the estimate
        // fuses where FMA is present and is a multiply and an add where it is not, as the runtime's reference does.
        MultiplyAdd = Type + (bits == 128 ? ".MultiplyAddEstimate" : ".FusedMultiplyAdd");
    }

    private readonly int lanes;

    /// <summary>The width's <c>global::StaticNet.Generated.Simd{Bits}</c>, the type argument of a generic pass.</summary>
    public string Simd => "global::StaticNet.Generated.Simd" + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every lane +0: <c>Vector256&lt;float&gt;.Zero</c>, or <c>TSimd.Zero</c>.</summary>
    public string Zero { get; }

    /// <summary><paramref name="vector"/> times the constant <paramref name="factor"/>, lane by lane.</summary>
    public string Scale(string factor, string vector) => Bits == 0 ? $"TSimd.Multiply(TSimd.Create({factor}), {vector})" : $"{factor} * {vector}";

    public int Bits { get; }

    /// <summary>The width of <paramref name="bits"/> bits (128, 256 or 512), for plans that store a width as a number.</summary>
    public static VectorWidth Of(int bits) => bits switch
    {
        512 => V512,
        256 => V256,
        _ => V128,
    };

    /// <summary>
    /// SIMD registers generated code can count on at this width on x64: 32 with AVX-512, 16 with AVX2 or SSE (an Arm64
    /// machine has 32 at 128 bits; planning for 16 only leaves some unused there).
    /// </summary>
    public int Registers => Bits == 512 ? 32 : 16;

    /// <summary>Floats per vector; the generic width has none before the JIT picks one.</summary>
    public int Lanes => lanes > 0 ? lanes : throw new System.InvalidOperationException("The generic width's lanes are TSimd.Lanes, known only to the JIT.");

    /// <summary>The static class: <c>global::System.Runtime.Intrinsics.Vector512</c>.</summary>
    public string Type { get; }

    /// <summary>The vector type: <c>global::System.Runtime.Intrinsics.Vector512&lt;float&gt;</c>.</summary>
    public string Float { get; }

    /// <summary>The multiply-add <c>a * b + c</c>: <c>Vector256.FusedMultiplyAdd</c>, or for 128 bits <c>Vector128.MultiplyAddEstimate</c>.</summary>
    public string MultiplyAdd { get; }

    /// <summary>
    /// Where each block of <see cref="Lanes"/> units starts: whole blocks, then, when the units are not a multiple of the
    /// lanes, one last block ending at the last unit and overlapping the block before it. Needs units ≥ lanes.
    /// </summary>
    public IReadOnlyList<int> Blocks(int units)
    {
        var starts = new List<int>();
        for (int start = 0; start + Lanes <= units; start += Lanes)
        {
            starts.Add(start);
        }

        if (units % Lanes != 0)
        {
            starts.Add(units - Lanes);
        }

        return starts;
    }

    /// <summary>
    /// The widest vector worth using across a layer's units in the mini-batch code: 512-bit from 16 units, where a block
    /// is full; a narrower layer would leave most of a 16-lane vector idle (or need the scalar path), so it stays 256-bit.
    /// </summary>
    public static VectorWidth ForBatch(int units) => units >= V512.Lanes ? V512 : V256;
}
