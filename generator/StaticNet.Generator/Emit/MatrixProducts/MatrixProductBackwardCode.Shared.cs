using System.Linq;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// The backward pass of a narrow product written once for 256 and 128 bits (<see cref="MatrixProduct.SharedNarrowBackward"/>):
/// the passes <see cref="NarrowKernelGradient"/> and <see cref="TransposedInputGradient"/> write per width, over 128
/// bits' blocks of inputs. Block b starts at <c>Math.Min(b * TSimd.Lanes, inputs − TSimd.Lanes)</c>, a constant to the
/// JIT; the blocks 256 bits do not have (b × lanes past the inputs) are guarded by a constant condition, which the JIT
/// drops with them at 256 bits, and the accumulators they would use are left unused. Every kernel-gradient element is
/// still one chain over the samples in order, added once; every sample's input gradient the same sums.
/// </summary>
internal static partial class MatrixProductBackwardCode
{
    private static void WriteSharedNarrow(SourceWriter w, MatrixProduct product)
    {
        VectorWidth v = VectorWidth.Generic;
        string kernel = product.TransposedKernel ? "transposedKernel" : "kernel";
        bool through = product.ThroughActivation;
        bool input = product.NeedsInputGradient;
        string parameters = $"{ReadOnlySpan} {kernel}, {ReadOnlySpan} x{(through ? $", {ReadOnlySpan} y" : string.Empty)}, {Span} gradient, {Span} kernelGradient, {Span} biasGradient{(input ? $", {Span} inputGradient" : string.Empty)}, int count";
        int[] blocks128 = VectorWidth.V128.Blocks(product.Inputs).ToArray();
        int blocks256 = VectorWidth.V256.Blocks(product.Inputs).Count;
        string[] starts = Enumerable.Range(0, blocks128.Length).Select(b => b == 0 ? "0" : $"block{b}").ToArray();

        // Which blocks exist at the width the JIT compiles: all at 128 bits, the first blocks256 at 256.
        string? Guard(int b) => b < blocks256 ? null : $"{b} * TSimd.Lanes < {product.Inputs}";

        w.WriteLine($"/// <summary>{product.Name} backward for <paramref name=\"count\"/> samples (shapes checked by the caller), at any width: the kernel gradient summed transposed, {(input ? "and the input gradient, " : string.Empty)}over blocks of inputs.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}BackwardBatch{VectorWidth.GenericParameters}({parameters}) {VectorWidth.GenericConstraints}"))
        {
            MatrixProductForwardCode.Refs(w, kernel, "x", "gradient", "kernelGradient");
            w.WriteLine($"// Where each block of inputs starts: every TSimd.Lanes inputs, the last one ending at the last input (at 256 bits {MatrixProductForwardCode.Starts(VectorWidth.V256.Blocks(product.Inputs))}; at 128 bits {MatrixProductForwardCode.Starts(blocks128)}).");
            w.WriteLine("nuint " + string.Join(", ", Enumerable.Range(1, blocks128.Length - 1).Select(b => $"block{b} = (nuint)global::System.Math.Min({(b == 1 ? string.Empty : $"{b} * ")}TSimd.Lanes, {product.Inputs} - TSimd.Lanes)")) + ";");
            if (through)
            {
                ActivationDerivative(w, product);
            }

            BiasGradient(w, product);
            SharedNarrowKernelGradient(w, v, product, starts, Guard);
            if (input)
            {
                w.WriteLine();
                SharedInputGradient(w, v, product, starts, Guard);
            }
        }
    }

    /// <summary><see cref="NarrowKernelGradient"/> in one pass over every block, the blocks past 256 bits' guarded.</summary>
    private static void SharedNarrowKernelGradient(SourceWriter w, VectorWidth v, MatrixProduct product, string[] starts, System.Func<int, string?> guard)
    {
        w.WriteLine();
        w.WriteLine($"// dL/dW[i, j] += Σ_s x_s[i] · dL/dz_s[j], SIMD across the inputs ({product.Units} unit{(product.Units == 1 ? string.Empty : "s")}: fewer than a vector's lanes), every block of inputs in one pass");
        using (w.OpenScope())
        {
            for (int j = 0; j < product.Units; j++)
            {
                w.WriteLine($"{v.Float} " + string.Join(", ", Enumerable.Range(0, starts.Length).Select(b => $"g{j}_{b} = {v.Zero}")) + ";");
            }

            using (w.Open("for (int s = 0; s < count; s++)"))
            {
                w.WriteLine($"nuint xRow = (nuint)(s * {product.Inputs});");
                w.WriteLine($"nint dRow = (nint)s * {product.Units};");
                for (int j = 0; j < product.Units; j++)
                {
                    w.WriteLine($"{v.Float} d{j} = {v.Type}.Create({Unsafe}.Add(ref gradient0, dRow + {j}));");
                }

                for (int b = 0; b < starts.Length; b++)
                {
                    Guarded(w, guard(b), () =>
                    {
                        w.WriteLine($"{v.Float} input{b} = {v.Type}.LoadUnsafe(ref x0, {MatrixProductForwardCode.Plus("xRow", starts[b])});");
                        for (int j = 0; j < product.Units; j++)
                        {
                            w.WriteLine($"g{j}_{b} = {v.MultiplyAdd}(input{b}, d{j}, g{j}_{b});");
                        }
                    });
                }
            }

            for (int b = 0; b < starts.Length; b++)
            {
                // Lanes of an overlapping block that the block before it covered already.
                string skip = b == 0 ? "0" : b == 1 ? "TSimd.Lanes - (int)block1" : $"(int){starts[b - 1]} + TSimd.Lanes - (int){starts[b]}";
                string row = b == 0 ? "lane" : $"((int){starts[b]} + lane)";
                Guarded(w, guard(b), () =>
                {
                    using (w.Open($"for (int lane = {skip}; lane < TSimd.Lanes; lane++)"))
                    {
                        for (int j = 0; j < product.Units; j++)
                        {
                            w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, {row} * {product.Units} + {j}) += TSimd.GetElement(g{j}_{b}, lane);");
                        }
                    }
                });
            }
        }
    }

    /// <summary><see cref="TransposedInputGradient"/> in one tile of every block, 256 bits' samples a pass, the blocks past 256 bits' guarded.</summary>
    private static void SharedInputGradient(SourceWriter w, VectorWidth v, MatrixProduct product, string[] starts, System.Func<int, string?> guard)
    {
        int samples = product.InputGradientSamples(VectorWidth.V256);
        string Dx(int k, int b) => k == 0 ? $"dx{b}" : $"dx{b}_{k}";
        string Of(string name, int k) => k == 0 ? name : name + k;
        w.WriteLine($"// dL/dx_s = Σ_j dL/dz_s[j] · Wᵀ[j, :], SIMD across the inputs{(samples > 1 ? $", {samples} samples a pass sharing each row of Wᵀ loaded" : string.Empty)}");
        w.WriteLine($"ref float inputGradient0 = ref {MemoryMarshal}.GetReference(inputGradient);");
        using (w.Open(samples > 1 ? $"for (int s = 0; s < count; s += {samples})" : "for (int s = 0; s < count; s++)"))
        {
            if (samples > 1)
            {
                w.WriteLine("// Past the last sample the pass repeats it, which computes and stores its row again, unchanged.");
                w.WriteLine("int " + string.Join(", ", Enumerable.Range(1, samples - 1).Select(k => $"s{k} = global::System.Math.Min(s + {k}, count - 1)")) + ";");
            }

            w.WriteLine($"nuint dRow = (nuint)(s * {product.Units})" + string.Concat(Enumerable.Range(1, samples - 1).Select(k => $", dRow{k} = (nuint)(s{k} * {product.Units})")) + ";");
            w.WriteLine($"nuint xRow = (nuint)(s * {product.Inputs})" + string.Concat(Enumerable.Range(1, samples - 1).Select(k => $", xRow{k} = (nuint)(s{k} * {product.Inputs})")) + ";");
            for (int k = 0; k < samples; k++)
            {
                w.WriteLine($"{v.Float} " + string.Join(", ", Enumerable.Range(0, starts.Length).Select(b => $"{Dx(k, b)} = {v.Zero}")) + ";");
            }

            using (w.Open($"for (int j = 0; j < {product.Units}; j++)"))
            {
                for (int k = 0; k < samples; k++)
                {
                    w.WriteLine($"{v.Float} {Of("dz", k)} = {v.Type}.Create({Unsafe}.Add(ref gradient0, {Of("dRow", k)} + (nuint)j));");
                }

                w.WriteLine($"nuint row = (nuint)(j * {product.Inputs});");
                for (int b = 0; b < starts.Length; b++)
                {
                    Guarded(w, guard(b), () =>
                    {
                        w.WriteLine($"{v.Float} w{b} = {v.Type}.LoadUnsafe(ref transposedKernel0, {MatrixProductForwardCode.Plus("row", starts[b])});");
                        for (int k = 0; k < samples; k++)
                        {
                            w.WriteLine($"{Dx(k, b)} = {v.MultiplyAdd}({Of("dz", k)}, w{b}, {Dx(k, b)});");
                        }
                    });
                }
            }

            for (int b = 0; b < starts.Length; b++)
            {
                Guarded(w, guard(b), () =>
                {
                    for (int k = 0; k < samples; k++)
                    {
                        w.WriteLine($"{v.Type}.StoreUnsafe({Dx(k, b)}, ref inputGradient0, {MatrixProductForwardCode.Plus(Of("xRow", k), starts[b])});");
                    }
                });
            }
        }
    }

    /// <summary>Writes <paramref name="body"/>, inside <c>if (<paramref name="condition"/>)</c> where there is one.</summary>
    private static void Guarded(SourceWriter w, string? condition, System.Action body)
    {
        if (condition is null)
        {
            body();
            return;
        }

        w.WriteLine("// At 128 bits only.");
        using (w.Open($"if ({condition})"))
        {
            body();
        }
    }
}
