using System.Collections.Generic;

namespace StaticNet.Generator.Planning;

/// <summary>
/// One SIMD register width as generated code spells it. Vector code is written against a width, so the same emitter
/// writes a 256-bit method (any AVX2 machine) and a 512-bit one (AVX-512: twice the multiply-adds per instruction, and
/// on this project's Zen 5 machines twice the measured FMA throughput, 205 against 102 GFLOP/s on one core).
/// </summary>
internal sealed class VectorWidth
{
    public static readonly VectorWidth V256 = new(256);
    public static readonly VectorWidth V512 = new(512);

    private VectorWidth(int bits)
    {
        Bits = bits;
        Lanes = bits / 32;
        Type = "global::System.Runtime.Intrinsics.Vector" + bits;
        Float = Type + "<float>";
    }

    public int Bits { get; }

    /// <summary>Floats per vector.</summary>
    public int Lanes { get; }

    /// <summary>The static class: <c>global::System.Runtime.Intrinsics.Vector512</c>.</summary>
    public string Type { get; }

    /// <summary>The vector type: <c>global::System.Runtime.Intrinsics.Vector512&lt;float&gt;</c>.</summary>
    public string Float { get; }

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
