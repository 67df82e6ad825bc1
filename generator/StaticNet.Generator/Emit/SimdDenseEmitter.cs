using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Model;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The <see cref="EmitStrategy.Simd"/> bodies: the layer's units are covered by 8-lane blocks (<c>Vector256</c>); when
/// the units are not a multiple of 8, the last block starts at <c>units − 8</c> and overlaps the one before it. Forward,
/// overlapping lanes are simply computed twice, identically. Backward, where gradients are added into memory, only whole
/// blocks are vectors and the remaining units are scalar code (see <see cref="Backward"/>).
/// On a machine where 256-bit vectors are not hardware-accelerated the method runs the portable row loop instead
/// (the JIT folds the check to a constant, so only one of the two paths is compiled).
/// </summary>
internal static class SimdDenseEmitter
{
    public const int Lanes = 8;

    /// <summary>Where each 8-lane block of units starts (see <see cref="VectorWidth.Blocks"/>).</summary>
    public static IReadOnlyList<int> Blocks(int units) => VectorWidth.V256.Blocks(units);

    /// <summary>The forward body; <paramref name="portable"/> writes the path without 256-bit SIMD, or is null where the caller has already branched to it.</summary>
    public static void Forward(SourceWriter w, LayerSpec layer, bool isOutput, System.Action? portable)
    {
        if (portable is not null)
        {
            WritePortableFallback(w, portable);
        }

        IReadOnlyList<int> blocks = Blocks(layer.Units);
        WriteRefs(w, "kernel", "bias", "y");
        if (blocks[blocks.Count - 1] % Lanes != 0)
        {
            w.WriteLine($"// The last block overlaps the one before it; the shared units are computed twice, identically.");
        }

        // One sample's forward pass waits on each accumulator's chain of multiply-adds (4 cycles each). With fewer than 4
        // blocks there are too few chains to hide that, so each block sums its even and its odd inputs separately and
        // adds the two at the end (as the unrolled scalar layers do).
        bool split = blocks.Count < 4 && layer.Inputs >= 6;
        foreach (int start in blocks)
        {
            w.WriteLine($"{Vector256Float} {Block("z", start)} = {Vector256}.LoadUnsafe(ref bias0, {start});");
            if (split)
            {
                w.WriteLine($"{Vector256Float} {Block("z", start)}Odd = {Vector256Float}.Zero;");
            }
        }

        w.WriteLine($"{Vector256Float} xi;");
        for (int i = 0; i < layer.Inputs; i++)
        {
            w.WriteLine();
            w.WriteLine($"xi = {Vector256}.Create(x[{i}]);");
            foreach (int start in blocks)
            {
                string z = Block("z", start) + (split && i % 2 == 1 ? "Odd" : string.Empty);
                w.WriteLine($"{z} = {Vector256}.FusedMultiplyAdd(xi, {Vector256}.LoadUnsafe(ref kernel0, {i * layer.Units + start}), {z});");
            }
        }

        w.WriteLine();
        if (split)
        {
            foreach (int start in blocks)
            {
                w.WriteLine($"{Block("z", start)} += {Block("z", start)}Odd;");
            }
        }

        foreach (int start in blocks)
        {
            string z = Block("z", start);
            string value = isOutput ? z : ActivationCode.Vector(layer, z);
            w.WriteLine($"{Vector256}.StoreUnsafe({value}, ref y0, {start});");
        }

        if (!isOutput && ActivationCode.NeedsSecondPass(layer))
        {
            w.WriteLine(ActivationCode.InPlace(layer, "y")!);
        }
    }

    public static void Backward(SourceWriter w, LayerSpec layer, LayerSpec? previous, System.Action portable)
    {
        WritePortableFallback(w, portable);
        IReadOnlyList<int> blocks = Blocks(layer.Units);
        int fullBlocks = layer.Units / Lanes;
        int tail = fullBlocks * Lanes;

        // Gradients are added into memory, so blocks must not overlap here: a load that straddles the previous block's
        // store cannot be forwarded from it and stalls. Whole blocks are vectors; the last units % 8 units are scalars.
        WriteRefs(w, "gradient", "kernelGradient", "biasGradient");
        for (int b = 0; b < fullBlocks; b++)
        {
            w.WriteLine($"{Vector256Float} {Block("d", b * Lanes)} = {Vector256}.LoadUnsafe(ref gradient0, {b * Lanes});");
        }

        for (int j = tail; j < layer.Units; j++)
        {
            w.WriteLine($"float d{j} = gradient[{j}];");
        }

        w.WriteLine();
        w.WriteLine("// dL/db += dL/dz");
        for (int b = 0; b < fullBlocks; b++)
        {
            int start = b * Lanes;
            w.WriteLine($"{Vector256}.StoreUnsafe({Vector256}.LoadUnsafe(ref biasGradient0, {start}) + {Block("d", start)}, ref biasGradient0, {start});");
        }

        for (int j = tail; j < layer.Units; j++)
        {
            w.WriteLine($"biasGradient[{j}] += d{j};");
        }

        w.WriteLine();
        w.WriteLine("// dL/dW[i, :] += x[i] · dL/dz");
        w.WriteLine($"{Vector256Float} xi;");
        for (int i = 0; i < layer.Inputs; i++)
        {
            w.WriteLine($"xi = {Vector256}.Create(x[{i}]);");
            for (int b = 0; b < fullBlocks; b++)
            {
                int offset = i * layer.Units + b * Lanes;
                w.WriteLine($"{Vector256}.StoreUnsafe({Vector256}.FusedMultiplyAdd(xi, {Block("d", b * Lanes)}, {Vector256}.LoadUnsafe(ref kernelGradient0, {offset})), ref kernelGradient0, {offset});");
            }

            for (int j = tail; j < layer.Units; j++)
            {
                int k = i * layer.Units + j;
                w.WriteLine($"kernelGradient[{k}] = {Fma}(x[{i}], d{j}, kernelGradient[{k}]);");
            }
        }

        if (previous is null)
        {
            return;
        }

        w.WriteLine();
        if (layer.KernelSize <= Validation.NetworkPlanner.UnrollLimit)
        {
            // Small layers: scalar chains beat a horizontal vector sum per input.
            for (int j = 0; j < tail; j++)
            {
                w.WriteLine($"float d{j} = gradient[{j}];");
            }

            DenseEmitter.UnrolledInputGradient(w, layer, previous, j => "d" + j, i => $"x[{i}]");
            return;
        }

        // Larger layers: one vector dot product per input. Reads may overlap, so the last block reuses the forward
        // pass's overlapping layout with the shared lanes of dL/dz zeroed.
        w.WriteLine($"// dL/dz of {previous.Name}: W[i, :] · dL/dz, through {ActivationCode.Describe(previous)}′");
        if (tail < layer.Units)
        {
            int start = layer.Units - Lanes;
            w.WriteLine($"// Units {start}..{tail - 1} are in the block before: zero them in this one so each is counted once.");
            w.WriteLine($"{Vector256Float} {Block("d", start)} = {MaskedLoad("gradient0", start, tail - start)};");
        }

        WriteRefs(w, "kernel");
        w.WriteLine($"{Vector256Float} dot;");
        for (int i = 0; i < layer.Inputs; i++)
        {
            int row = i * layer.Units;
            w.WriteLine($"dot = {Vector256}.LoadUnsafe(ref kernel0, {row + blocks[0]}) * {Block("d", blocks[0])};");
            foreach (int start in blocks.Skip(1))
            {
                w.WriteLine($"dot = {Vector256}.FusedMultiplyAdd({Vector256}.LoadUnsafe(ref kernel0, {row + start}), {Block("d", start)}, dot);");
            }

            w.WriteLine($"previousGradient[{i}] = {ActivationCode.ScalarDerivative(previous, $"{Vector256}.Sum(dot)", $"x[{i}]")};");
        }
    }

    /// <summary>Declares <c>ref float {name}0</c>, the first element of each span, for the unchecked vector loads and stores after the length check.</summary>
    internal static void WriteRefs(SourceWriter w, params string[] spans)
    {
        foreach (string span in spans)
        {
            w.WriteLine($"ref float {span}0 = ref {MemoryMarshal}.GetReference({span});");
        }
    }

    internal static void WritePortableFallback(SourceWriter w, System.Action portable)
    {
        using (w.Open($"if (!{Vector256}.IsHardwareAccelerated)"))
        {
            w.WriteLine("// No 256-bit SIMD on this machine: the portable row loop.");
            portable();
            w.WriteLine("return;");
        }

        w.WriteLine();
    }

    /// <summary>The name of the block of units starting at <paramref name="start"/>, e.g. <c>z0to7</c>.</summary>
    internal static string Block(string prefix, int start) => $"{prefix}{start}to{start + Lanes - 1}";

    /// <summary>
    /// The overlapping last block of dL/dz, loaded with its first <paramref name="overlap"/> lanes zeroed (they belong to
    /// the block before), so that a dot product over all blocks counts each unit once.
    /// </summary>
    internal static string MaskedLoad(string source, int start, int overlap)
    {
        string mask = string.Join(", ", Enumerable.Range(0, Lanes).Select(lane => lane < overlap ? "0u" : "uint.MaxValue"));
        return $"{Vector256}.LoadUnsafe(ref {source}, {start}) & {Vector256}.AsSingle({Vector256}.Create({mask}))";
    }
}
