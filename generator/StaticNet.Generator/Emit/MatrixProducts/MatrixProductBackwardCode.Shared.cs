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
        int blocks256 = VectorWidth.V256.Blocks(product.Inputs).Count;

        // Which blocks exist at the width the JIT compiles: all at 128 bits, the first blocks256 at 256.
        string? Guard(int b) => b < blocks256 ? null : MatrixProductForwardCode.BlockExists(b, product.Inputs);

        w.WriteLine($"/// <summary>{product.Name} backward for <paramref name=\"count\"/> samples (shapes checked by the caller), at any width: the kernel gradient summed transposed, {(input ? "and the input gradient, " : string.Empty)}over blocks of inputs.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}BackwardBatch{VectorWidth.GenericParameters}({parameters}) {VectorWidth.GenericConstraints}"))
        {
            MatrixProductForwardCode.Refs(w, kernel, "x", "gradient", "kernelGradient");
            string[] starts = MatrixProductForwardCode.BlockStarts(w, product.Inputs, "input");
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
                // Each sum added into its row of the gradient; of an overlapping block, the lanes past the block before it.
                string skip = b == 0 ? "0" : b == 1 ? "TSimd.Lanes - (int)block1" : $"(int){starts[b - 1]} + TSimd.Lanes - (int){starts[b]}";
                string row = b == 0 ? string.Empty : $"(nint){starts[b]} * {product.Units} + ";
                Guarded(w, guard(b), () =>
                {
                    for (int j = 0; j < product.Units; j++)
                    {
                        w.WriteLine($"TSimd.AddColumn(g{j}_{b}, ref {Unsafe}.Add(ref kernelGradient0, {row}{j}), {product.Units}, {skip});");
                    }
                });
            }
        }
    }

    /// <summary>
    /// <see cref="TransposedInputGradient"/> in one tile of every block, the blocks past 256 bits' guarded, a sample a pass
    /// (<see cref="MatrixProduct.SharedNarrowBackward"/> says why).
    /// </summary>
    private static void SharedInputGradient(SourceWriter w, VectorWidth v, MatrixProduct product, string[] starts, System.Func<int, string?> guard)
    {
        w.WriteLine("// dL/dx_s = Σ_j dL/dz_s[j] · Wᵀ[j, :], SIMD across the inputs");
        w.WriteLine($"ref float inputGradient0 = ref {MemoryMarshal}.GetReference(inputGradient);");
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            w.WriteLine($"nuint dRow = (nuint)(s * {product.Units});");
            w.WriteLine($"nuint xRow = (nuint)(s * {product.Inputs});");
            w.WriteLine($"{v.Float} " + string.Join(", ", Enumerable.Range(0, starts.Length).Select(b => $"dx{b} = {v.Zero}")) + ";");
            using (w.Open($"for (int j = 0; j < {product.Units}; j++)"))
            {
                w.WriteLine($"{v.Float} dz = {v.Type}.Create({Unsafe}.Add(ref gradient0, dRow + (nuint)j));");
                w.WriteLine($"nuint row = (nuint)(j * {product.Inputs});");
                for (int b = 0; b < starts.Length; b++)
                {
                    string sum = $"dx{b} = {v.MultiplyAdd}(dz, {v.Type}.LoadUnsafe(ref transposedKernel0, {MatrixProductForwardCode.Plus("row", starts[b])}), dx{b});";
                    Guarded(w, guard(b), () => w.WriteLine(sum));
                }
            }

            for (int b = 0; b < starts.Length; b++)
            {
                string store = $"{v.Type}.StoreUnsafe(dx{b}, ref inputGradient0, {MatrixProductForwardCode.Plus("xRow", starts[b])});";
                Guarded(w, guard(b), () => w.WriteLine(store));
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
