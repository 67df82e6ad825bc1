using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Model;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The <see cref="EmitStrategy.Loop"/> bodies on a machine with 256-bit SIMD: a loop over the inputs with a constant
/// bound, whose body holds one fused multiply-add per block of 8 units. The units are cut into tiles of at most
/// <see cref="BlocksPerTile"/> blocks so every tile's accumulators stay in registers for the whole loop; the code size
/// grows with the number of blocks, never with the number of inputs, so any layer fits the JIT's limits.
/// Layers of fewer than 8 units, and machines without 256-bit SIMD, use the portable <c>TensorPrimitives</c> row loop.
/// </summary>
internal static class SimdLoopDenseEmitter
{
    /// <summary>Accumulators live in registers: 8 of the 16 vector registers, leaving room for the input and the loads.</summary>
    public const int BlocksPerTile = 8;

    private const int Lanes = SimdDenseEmitter.Lanes;

    public static bool Applies(LayerSpec layer) => layer.Units >= Lanes;

    public static void Forward(SourceWriter w, LayerSpec layer, bool isOutput, System.Action portable)
    {
        SimdDenseEmitter.WritePortableFallback(w, portable);
        IReadOnlyList<int> blocks = SimdDenseEmitter.Blocks(layer.Units);
        SimdDenseEmitter.WriteRefs(w, "kernel", "bias", "y");
        if (layer.Units % Lanes != 0)
        {
            w.WriteLine($"// The last block overlaps the one before it; the shared units are computed twice, identically.");
        }

        foreach (int[] tile in Tiles(blocks))
        {
            w.WriteLine();
            w.WriteLine($"// Units {tile[0]}..{tile[tile.Length - 1] + Lanes - 1}: z = b + Σ_i x[i] · W[i, units]");
            foreach (int start in tile)
            {
                w.WriteLine($"{Vector256Float} {Block("z", start)} = {Vector256}.LoadUnsafe(ref bias0, {start});");
            }

            using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
            {
                w.WriteLine($"{Vector256Float} xi = {Vector256}.Create(x[i]);");
                w.WriteLine($"nuint row = (nuint)(i * {layer.Units});");
                foreach (int start in tile)
                {
                    string z = Block("z", start);
                    w.WriteLine($"{z} = {Vector256}.FusedMultiplyAdd(xi, {Vector256}.LoadUnsafe(ref kernel0, row + {start}), {z});");
                }
            }

            foreach (int start in tile)
            {
                string z = Block("z", start);
                string value = isOutput ? z : ActivationCode.Vector(layer, z);
                w.WriteLine($"{Vector256}.StoreUnsafe({value}, ref y0, {start});");
            }
        }

        if (!isOutput && ActivationCode.NeedsSecondPass(layer))
        {
            w.WriteLine();
            w.WriteLine(ActivationCode.InPlace(layer, "y")!);
        }
    }

    public static void Backward(SourceWriter w, LayerSpec layer, LayerSpec? previous, System.Action portable)
    {
        SimdDenseEmitter.WritePortableFallback(w, portable);
        int fullBlocks = layer.Units / Lanes;
        int tail = fullBlocks * Lanes;
        int[] starts = Enumerable.Range(0, fullBlocks).Select(b => b * Lanes).ToArray();
        SimdDenseEmitter.WriteRefs(w, "gradient", "kernelGradient", "biasGradient");
        w.WriteLine();
        w.WriteLine("// dL/db += dL/dz");
        foreach (int start in starts)
        {
            w.WriteLine($"{Vector256}.StoreUnsafe({Vector256}.LoadUnsafe(ref biasGradient0, {start}) + {Vector256}.LoadUnsafe(ref gradient0, {start}), ref biasGradient0, {start});");
        }

        for (int j = tail; j < layer.Units; j++)
        {
            w.WriteLine($"biasGradient[{j}] += gradient[{j}];");
        }

        // Gradients are added into memory, so blocks must not overlap: whole blocks are vectors, the rest scalars.
        foreach (int[] tile in Tiles(starts))
        {
            w.WriteLine();
            w.WriteLine($"// dL/dW[i, {tile[0]}..{tile[tile.Length - 1] + Lanes - 1}] += x[i] · dL/dz");
            foreach (int start in tile)
            {
                w.WriteLine($"{Vector256Float} {Block("d", start)} = {Vector256}.LoadUnsafe(ref gradient0, {start});");
            }

            using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
            {
                w.WriteLine($"{Vector256Float} xi = {Vector256}.Create(x[i]);");
                w.WriteLine($"nuint row = (nuint)(i * {layer.Units});");
                foreach (int start in tile)
                {
                    w.WriteLine($"{Vector256}.StoreUnsafe({Vector256}.FusedMultiplyAdd(xi, {Block("d", start)}, {Vector256}.LoadUnsafe(ref kernelGradient0, row + {start})), ref kernelGradient0, row + {start});");
                }
            }
        }

        if (tail < layer.Units)
        {
            w.WriteLine();
            w.WriteLine($"// dL/dW[i, {tail}..{layer.Units - 1}] += x[i] · dL/dz");
            using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
            {
                w.WriteLine("float xi = x[i];");
                w.WriteLine($"int row = i * {layer.Units};");
                for (int j = tail; j < layer.Units; j++)
                {
                    w.WriteLine($"kernelGradient[row + {j}] = {Fma}(xi, gradient[{j}], kernelGradient[row + {j}]);");
                }
            }
        }

        if (previous is null)
        {
            return;
        }

        IReadOnlyList<int> blocks = SimdDenseEmitter.Blocks(layer.Units);
        w.WriteLine();
        w.WriteLine($"// dL/dz of {previous.Name}: W[i, :] · dL/dz, through {ActivationCode.Describe(previous)}′");
        SimdDenseEmitter.WriteRefs(w, "kernel");
        foreach (int start in blocks)
        {
            string load = $"{Vector256}.LoadUnsafe(ref gradient0, {start})";
            if (start % Lanes != 0)
            {
                w.WriteLine($"// Units {start}..{tail - 1} are in the block before: zero them in this one so each is counted once.");
                load = SimdDenseEmitter.MaskedLoad("gradient0", start, tail - start);
            }

            w.WriteLine($"{Vector256Float} {Block("g", start)} = {load};");
        }

        using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
        {
            w.WriteLine($"nuint row = (nuint)(i * {layer.Units});");
            w.WriteLine($"{Vector256Float} dot = {Vector256}.LoadUnsafe(ref kernel0, row + {blocks[0]}) * {Block("g", blocks[0])};");
            foreach (int start in blocks.Skip(1))
            {
                w.WriteLine($"dot = {Vector256}.FusedMultiplyAdd({Vector256}.LoadUnsafe(ref kernel0, row + {start}), {Block("g", start)}, dot);");
            }

            w.WriteLine($"previousGradient[i] = {ActivationCode.ScalarDerivative(previous, $"{Vector256}.Sum(dot)", "x[i]")};");
        }
    }

    private static IEnumerable<int[]> Tiles(IReadOnlyList<int> blocks)
    {
        for (int t = 0; t < blocks.Count; t += BlocksPerTile)
        {
            yield return blocks.Skip(t).Take(BlocksPerTile).ToArray();
        }
    }

    private static string Block(string prefix, int start) => SimdDenseEmitter.Block(prefix, start);
}
