using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// <c>{Prefix}BackwardBatch</c>, the backward pass of a <see cref="MatrixProduct"/>: from dL/dy of a tile of rows, the layer's own activation derivative (in place, giving dL/dz),
/// then dL/db and dL/dW added into the gradient with each gradient row loaded and stored once per tile (not once per
/// sample: for wide layers that memory traffic is what bounds per-sample training), then dL/dx for the layer before.
/// Additions into each gradient element happen in sample order, as a loop of one-sample steps would make them.
/// </summary>
internal static partial class MatrixProductBackwardCode
{
    /// <summary>Blocks of inputs whose accumulators the transposed input-gradient pass keeps in registers.</summary>
    private const int InputBlocksPerTile = 4;

    /// <summary>Blocks of units a dot product keeps as loaded registers before it becomes a loop over blocks.</summary>
    private const int UnrolledDotBlocks = 16;

    /// <summary>
    /// The call of <c>{Prefix}BackwardBatch</c> over <paramref name="count"/> rows, as one statement: <paramref name="y"/>
    /// is passed only where the pass carries the gradient through the activation, <paramref name="inputGradient"/> only
    /// where it writes one.
    /// </summary>
    public static string Call(MatrixProduct product, string kernel, string x, string y, string gradient, string kernelGradient, string biasGradient, string? inputGradient, string count)
    {
        string output = product.ThroughActivation ? $", {y}" : string.Empty;
        string input = product.NeedsInputGradient ? $", {inputGradient}" : string.Empty;
        return $"{product.Prefix}BackwardBatch({kernel}, {x}{output}, {gradient}, {kernelGradient}, {biasGradient}{input}, {count});";
    }

    public static void Write(SourceWriter w, MatrixProduct product)
    {
        Write(w, product, VectorWidth.V256, delegateTo512: product.Batch512);
        if (product.Batch512)
        {
            w.WriteLine();
            Write(w, product, VectorWidth.V512, delegateTo512: false);
        }

        if (product.SharedNarrowBackward)
        {
            w.WriteLine();
            WriteSharedNarrow(w, product);
        }
        else if (product.Batch128)
        {
            w.WriteLine();
            Write(w, product, VectorWidth.V128, delegateTo512: false);
        }
    }

    private static void Write(SourceWriter w, MatrixProduct product, VectorWidth v, bool delegateTo512)
    {
        string kernel = product.TransposedKernel ? "transposedKernel" : "kernel";
        bool through = product.ThroughActivation;
        bool input = product.NeedsInputGradient;
        string parameters = $"{ReadOnlySpan} {kernel}, {ReadOnlySpan} x{(through ? $", {ReadOnlySpan} y" : string.Empty)}, {Span} gradient, {Span} kernelGradient, {Span} biasGradient{(input ? $", {Span} inputGradient" : string.Empty)}, int count";
        string arguments = $"{kernel}, x{(through ? ", y" : string.Empty)}, gradient, kernelGradient, biasGradient{(input ? ", inputGradient" : string.Empty)}, count";
        bool shared = v == VectorWidth.V256 && product.SharedNarrowBackward;
        string vectors = shared ? "the generic pass at 256 bits, or 128 where only those are accelerated" : $"{v.Bits}-bit vectors";
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {product.Name} backward for <paramref name=\"count\"/> samples, {vectors}: from dL/dy (rows of <paramref name=\"gradient\"/>)"
            + (through ? $", carried through {ActivationCode.Describe(product.Activation, product.NegativeSlope)}′ in place," : " (already dL/dz: the loss took the output activation),"));
        w.WriteLine("/// adds Σ_s x_sᵀ·dL/dz_s into <paramref name=\"kernelGradient\"/> and Σ_s dL/dz_s into <paramref name=\"biasGradient\"/>, each gradient row loaded and stored once"
            + (input ? $";" : "."));
        if (input)
        {
            w.WriteLine($"/// writes dL/dx_s = {(product.TransposedKernel ? "Σ_j dL/dz_s[j] · Wᵀ[j, :] (the kernel transposed once per call)" : "W·dL/dz_s")} into <paramref name=\"inputGradient\"/>.");
        }

        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}BackwardBatch{MatrixProductForwardCode.Suffix(v)}({parameters})"))
        {
            if (delegateTo512)
            {
                using (w.Open($"if ({VectorWidth.V512.Type}.IsHardwareAccelerated)"))
                {
                    w.WriteLine($"{product.Prefix}BackwardBatch512({arguments});");
                    w.WriteLine("return;");
                }
            }

            string checks = $"{kernel}.Length != {product.KernelSize} || kernelGradient.Length != {product.KernelSize} || biasGradient.Length != {product.Units} || (uint)count > (uint)(x.Length / {product.Inputs}) || count > gradient.Length / {product.Units}"
                + (through ? $" || count > y.Length / {product.Units}" : string.Empty)
                + (input ? $" || count > inputGradient.Length / {product.Inputs}" : string.Empty);
            w.WriteLine($"if ({checks}) {ShapeGuard}.ThrowLayerShape(\"{product.Name}\");");
            string reference = $"{MatrixProduct.RowReference}.Backward({kernel}, x, {(through ? "y" : "default")}, gradient, kernelGradient, biasGradient, {(input ? "inputGradient" : "default")}, count, {product.Inputs}, {product.Units}, {ActivationEnum}.{product.Activation}, {Literals.Float(product.NegativeSlope)}, throughActivation: {(through ? "true" : "false")}, kernelTransposed: {(product.TransposedKernel ? "true" : "false")});";
            if (shared)
            {
                MatrixProductForwardCode.Portable(w, product, $"{product.Prefix}BackwardBatch<{VectorWidth.V128.Simd}, {VectorWidth.V128.Float}>({arguments});", reference);
                w.WriteLine($"{product.Prefix}BackwardBatch<{VectorWidth.V256.Simd}, {VectorWidth.V256.Float}>({arguments});");
                return;
            }

            if (v == VectorWidth.V256)
            {
                MatrixProductForwardCode.Portable(w, product, $"{product.Prefix}BackwardBatch128({arguments});", reference);
            }

            MatrixProductForwardCode.Refs(w, kernel, "x", "gradient", "kernelGradient");
            if (through)
            {
                ActivationDerivative(w, product);
            }

            BiasGradient(w, product);
            KernelGradient(w, v, product);
            if (input)
            {
                w.WriteLine();
                if (product.TransposedKernel)
                {
                    TransposedInputGradient(w, v.Lanes <= product.Inputs ? v : VectorWidth.V256, product);
                }
                else
                {
                    DotInputGradient(w, v, product);
                }
            }
        }
    }

    /// <summary>
    /// dL/dz = dL/dy ⊙ f′, written in terms of the outputs y, in place over the tile: a streaming pass that does not depend
    /// on the layer's shape, so the runtime's one loop (at the widest accelerated width, branch-free) serves every width.
    /// </summary>
    private static void ActivationDerivative(SourceWriter w, MatrixProduct product)
    {
        w.WriteLine();
        w.WriteLine($"// dL/dz = dL/dy ⊙ {ActivationCode.Describe(product.Activation, product.NegativeSlope)}′, in terms of the outputs y");
        w.WriteLine($"{Activations}.Backward({ActivationEnum}.{product.Activation}, y.Slice(0, count * {product.Units}), gradient.Slice(0, count * {product.Units}), {Literals.Float(product.NegativeSlope)});");
    }

    /// <summary>dL/db += Σ_s dL/dz_s: the runtime's column sums, each column one chain in sample order as a one-sample step adds them.</summary>
    private static void BiasGradient(SourceWriter w, MatrixProduct product)
    {
        w.WriteLine();
        w.WriteLine("// dL/db += Σ_s dL/dz_s");
        w.WriteLine($"{Matrices}.AddColumnSums(gradient, count, {product.Units}, biasGradient);");
    }

    private static void KernelGradient(SourceWriter w, VectorWidth v, MatrixProduct product)
    {
        if (product.NarrowKernelGradientBlocks(v) > 0)
        {
            NarrowKernelGradient(w, v, product);
            return;
        }

        int rows = product.KernelGradientRows(v);
        w.WriteLine();
        w.WriteLine($"// dL/dW[i, :] += Σ_s x_s[i] · dL/dz_s, {(rows > 1 ? $"{rows} rows at a time, " : string.Empty)}each gradient row loaded and stored once per tile");
        if (rows == 1)
        {
            using (w.Open($"for (int i = 0; i < {product.Inputs}; i++)"))
            {
                KernelGradientTiles(w, v, product, 1, clamp: false);
            }

            return;
        }

        if (product.Inputs % rows != 0 && product.Units % v.Lanes == 0)
        {
            // Units in whole blocks: every row of a pass at a constant distance from i, so each input is a load at a
            // constant displacement from the sample's row (clamped rows, below, cost the JIT a sign extension and an
            // addition per row and sample, as many integer instructions as multiply-adds), and the rows left over get
            // a pass of their own, short since its rows have no scalar columns.
            int full = product.Inputs / rows * rows;
            using (w.Open($"for (int i = 0; i < {full}; i += {rows})"))
            {
                KernelGradientTiles(w, v, product, rows, clamp: false);
            }

            using (w.OpenScope())
            {
                w.WriteLine($"const int i = {full};");
                KernelGradientTiles(w, v, product, product.Inputs - full, clamp: false);
            }

            return;
        }

        // When the rows do not divide the inputs, the last pass repeats the last row: it computes that row again from the
        // same loaded values and stores the same result, which costs less than a pass of fewer rows (fewer chains) and
        // keeps the method small where each row has scalar columns.
        bool clamp = product.Inputs % rows != 0;
        using (w.Open($"for (int i = 0; i < {product.Inputs}; i += {rows})"))
        {
            KernelGradientTiles(w, v, product, rows, clamp);
        }
    }

    /// <summary>
    /// The kernel gradient of a product with fewer units than a vector has lanes (a convolution of a few filters), summed
    /// transposed: SIMD across the inputs, one accumulator per unit and block of inputs, each row's inputs loaded once as
    /// vectors and each dL/dz broadcast. Row by row, every unit of every input would otherwise be a scalar chain. The
    /// sums are added into the gradient once per call; where the last block overlaps the one before it, its shared lanes
    /// are left to the earlier block.
    /// </summary>
    private static void NarrowKernelGradient(SourceWriter w, VectorWidth v, MatrixProduct product)
    {
        int perPass = product.NarrowKernelGradientBlocks(v);
        IReadOnlyList<int> blocks = v.Blocks(product.Inputs);
        w.WriteLine();
        w.WriteLine($"// dL/dW[i, j] += Σ_s x_s[i] · dL/dz_s[j], SIMD across the inputs ({product.Units} units: fewer than a vector's {v.Lanes} lanes), {perPass} block{(perPass == 1 ? string.Empty : "s")} of inputs a pass");
        for (int first = 0; first < blocks.Count; first += perPass)
        {
            int[] starts = blocks.Skip(first).Take(perPass).ToArray();
            using (w.OpenScope())
            {
                for (int j = 0; j < product.Units; j++)
                {
                    w.WriteLine($"{v.Float} " + string.Join(", ", Enumerable.Range(0, starts.Length).Select(b => $"g{j}_{b} = {v.Float}.Zero")) + ";");
                }

                using (w.Open("for (int s = 0; s < count; s++)"))
                {
                    w.WriteLine($"nuint xRow = (nuint)(s * {product.Inputs});");
                    w.WriteLine($"nint dRow = (nint)s * {product.Units};");
                    for (int b = 0; b < starts.Length; b++)
                    {
                        w.WriteLine($"{v.Float} input{b} = {v.Type}.LoadUnsafe(ref x0, {MatrixProductForwardCode.Plus("xRow", starts[b].ToString(System.Globalization.CultureInfo.InvariantCulture))});");
                    }

                    for (int j = 0; j < product.Units; j++)
                    {
                        w.WriteLine($"{v.Float} d{j} = {v.Type}.Create({Unsafe}.Add(ref gradient0, dRow + {j}));");
                        for (int b = 0; b < starts.Length; b++)
                        {
                            w.WriteLine($"g{j}_{b} = {v.MultiplyAdd}(input{b}, d{j}, g{j}_{b});");
                        }
                    }
                }

                for (int b = 0; b < starts.Length; b++)
                {
                    int index = first + b;
                    // Lanes of an overlapping last block that the block before it covered already.
                    int skip = System.Math.Max(index > 0 ? blocks[index - 1] + v.Lanes - starts[b] : 0, 0);
                    for (int j = 0; j < product.Units; j++)
                    {
                        using (w.Open($"for (int lane = {skip}; lane < {v.Lanes}; lane++)"))
                        {
                            w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, ({starts[b]} + lane) * {product.Units} + {j}) += {v.Type}.GetElement(g{j}_{b}, lane);");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Kernel-gradient rows i .. i + rows − 1 in tiles of blocks; wide layers loop over all but the last tile.</summary>
    private static void KernelGradientTiles(SourceWriter w, VectorWidth v, MatrixProduct product, int rows, bool clamp)
    {
        for (int r = 1; r < rows && clamp; r++)
        {
            w.WriteLine($"int i{r} = global::System.Math.Min(i + {r}, {product.Inputs - 1});");
        }

        int fullBlocks = product.Units / v.Lanes;
        int scalarFrom = fullBlocks * v.Lanes;
        int perTile = MatrixProduct.BlocksPerTile;
        int tiles = (fullBlocks + perTile - 1) / perTile;
        int looped = tiles > 2 ? (tiles - 1) * perTile : 0;
        if (looped > 0)
        {
            using (w.Open($"for (nuint u0 = 0; u0 < {looped * v.Lanes}; u0 += {perTile * v.Lanes})"))
            {
                KernelGradientPass(w, v, product, rows, clamp, Enumerable.Range(0, perTile).Select(b => b == 0 ? "u0" : $"u0 + {b * v.Lanes}").ToArray(), withScalars: false);
            }
        }

        for (int t = looped; t < System.Math.Max(fullBlocks, 1); t += perTile)
        {
            string[] starts = Enumerable.Range(t, System.Math.Min(perTile, fullBlocks - t)).Select(b => (b * v.Lanes).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            bool withScalars = t + perTile >= fullBlocks && scalarFrom < product.Units;
            if (starts.Length == 0 && !withScalars)
            {
                continue;
            }

            if (looped == 0 && tiles <= 1)
            {
                KernelGradientPass(w, v, product, rows, clamp, starts, withScalars);
                continue;
            }

            using (w.OpenScope())
            {
                KernelGradientPass(w, v, product, rows, clamp, starts, withScalars);
            }
        }
    }

    /// <summary>Adds Σ_s x_s[i + r] · dL/dz_s into the blocks at <paramref name="starts"/> (and the scalar units past the blocks) of rows i + r.</summary>
    private static void KernelGradientPass(SourceWriter w, VectorWidth v, MatrixProduct product, int rows, bool clamp, string[] starts, bool withScalars)
    {
        string Input(int r) => r == 0 ? "i" : clamp ? $"i{r}" : $"(i + {r})";
        if (withScalars && product.OverlappingTail(v))
        {
            // The units past the last whole vector as one more vector, overlapping the one before it in this pass.
            starts = [.. starts, (product.Units - v.Lanes).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            withScalars = false;
        }

        int halfFrom = product.Units / v.Lanes * v.Lanes;
        VectorWidth half = VectorWidth.V256;
        int halfLanes = withScalars ? product.HalfVectorTail(v) : 0;
        int scalarFrom = halfFrom + halfLanes;
        IEnumerable<int> scalars = withScalars ? Enumerable.Range(scalarFrom, product.Units - scalarFrom) : [];
        for (int r = 0; r < rows; r++)
        {
            w.WriteLine($"nuint row{r} = (nuint)({Input(r)} * {product.Units});");
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"{v.Float} g{r}_{b} = {v.Type}.LoadUnsafe(ref kernelGradient0, {MatrixProductForwardCode.Plus($"row{r}", starts[b])});");
            }

            if (halfLanes > 0)
            {
                w.WriteLine($"{half.Float} g{r}_h = {half.Type}.LoadUnsafe(ref kernelGradient0, row{r} + {halfFrom});");
            }

            foreach (int j in scalars)
            {
                w.WriteLine($"float g{r}_{j}s = {Unsafe}.Add(ref kernelGradient0, (nint)row{r} + {j});");
            }
        }

        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            w.WriteLine(clamp ? $"nint xRow = (nint)s * {product.Inputs};" : $"nint xRow = (nint)s * {product.Inputs} + i;");
            w.WriteLine($"nuint dRow = (nuint)(s * {product.Units});");
            for (int r = 0; r < rows; r++)
            {
                string input = clamp ? $"xRow + {Input(r).Trim('(', ')')}" : r == 0 ? "xRow" : $"xRow + {r}";
                w.WriteLine($"float input{r} = {Unsafe}.Add(ref x0, {input});");
                if (starts.Length > 0)
                {
                    w.WriteLine($"{v.Float} xs{r} = {v.Type}.Create(input{r});");
                }

                for (int b = 0; b < starts.Length; b++)
                {
                    w.WriteLine($"g{r}_{b} = {v.MultiplyAdd}(xs{r}, {v.Type}.LoadUnsafe(ref gradient0, {MatrixProductForwardCode.Plus("dRow", starts[b])}), g{r}_{b});");
                }

                if (halfLanes > 0)
                {
                    w.WriteLine($"g{r}_h = {half.MultiplyAdd}({half.Type}.Create(input{r}), {half.Type}.LoadUnsafe(ref gradient0, dRow + {halfFrom}), g{r}_h);");
                }

                foreach (int j in scalars)
                {
                    w.WriteLine($"g{r}_{j}s = {Fma}(input{r}, {Unsafe}.Add(ref gradient0, (nint)dRow + {j}), g{r}_{j}s);");
                }
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"{v.Type}.StoreUnsafe(g{r}_{b}, ref kernelGradient0, {MatrixProductForwardCode.Plus($"row{r}", starts[b])});");
            }

            if (halfLanes > 0)
            {
                w.WriteLine($"{half.Type}.StoreUnsafe(g{r}_h, ref kernelGradient0, row{r} + {halfFrom});");
            }

            foreach (int j in scalars)
            {
                w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, (nint)row{r} + {j}) = g{r}_{j}s;");
            }
        }
    }

    /// <summary>dL/dx_s[i] = W[i, :] · dL/dz_s: one dot product (and horizontal sum) per input and sample.</summary>
    private static void DotInputGradient(SourceWriter w, VectorWidth v, MatrixProduct product)
    {
        int fullBlocks = product.Units / v.Lanes;
        int scalarFrom = fullBlocks * v.Lanes;
        bool unrolled = fullBlocks <= UnrolledDotBlocks;
        w.WriteLine("// dL/dx_s = W · dL/dz_s: a dot product per input and sample");
        w.WriteLine($"ref float inputGradient0 = ref {MemoryMarshal}.GetReference(inputGradient);");
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            w.WriteLine($"nuint dRow = (nuint)(s * {product.Units});");
            w.WriteLine($"nint xRow = (nint)s * {product.Inputs};");
            if (unrolled)
            {
                for (int b = 0; b < fullBlocks; b++)
                {
                    w.WriteLine($"{v.Float} d{b * v.Lanes} = {v.Type}.LoadUnsafe(ref gradient0, dRow + {b * v.Lanes});");
                }
            }

            for (int j = scalarFrom; j < product.Units; j++)
            {
                w.WriteLine($"float d{j} = {Unsafe}.Add(ref gradient0, (nint)dRow + {j});");
            }

            using (w.Open($"for (int i = 0; i < {product.Inputs}; i++)"))
            {
                w.WriteLine($"nuint row = (nuint)(i * {product.Units});");
                if (fullBlocks > 0 && unrolled)
                {
                    w.WriteLine($"{v.Float} dot = {v.Type}.LoadUnsafe(ref kernel0, row) * d0;");
                    for (int b = 1; b < fullBlocks; b++)
                    {
                        w.WriteLine($"dot = {v.MultiplyAdd}({v.Type}.LoadUnsafe(ref kernel0, row + {b * v.Lanes}), d{b * v.Lanes}, dot);");
                    }

                    w.WriteLine($"float g = {v.Type}.Sum(dot);");
                }
                else if (fullBlocks > 0)
                {
                    // Too many blocks to hold dL/dz in registers: four partial sums over the blocks, to overlap their latency.
                    w.WriteLine($"{v.Float} dot0 = {v.Float}.Zero, dot1 = {v.Float}.Zero, dot2 = {v.Float}.Zero, dot3 = {v.Float}.Zero;");
                    int four = fullBlocks / 4 * 4;
                    using (w.Open($"for (nuint b = 0; b < {four * v.Lanes}; b += {4 * v.Lanes})"))
                    {
                        for (int q = 0; q < 4; q++)
                        {
                            string at = q == 0 ? "b" : $"b + {q * v.Lanes}";
                            w.WriteLine($"dot{q} = {v.MultiplyAdd}({v.Type}.LoadUnsafe(ref kernel0, row + {at}), {v.Type}.LoadUnsafe(ref gradient0, dRow + {at}), dot{q});");
                        }
                    }

                    for (int b = four; b < fullBlocks; b++)
                    {
                        w.WriteLine($"dot0 = {v.MultiplyAdd}({v.Type}.LoadUnsafe(ref kernel0, row + {b * v.Lanes}), {v.Type}.LoadUnsafe(ref gradient0, dRow + {b * v.Lanes}), dot0);");
                    }

                    w.WriteLine($"float g = {v.Type}.Sum((dot0 + dot1) + (dot2 + dot3));");
                }
                else
                {
                    w.WriteLine("float g = 0f;");
                }

                for (int j = scalarFrom; j < product.Units; j++)
                {
                    w.WriteLine($"g = {Fma}({Unsafe}.Add(ref kernel0, (nint)row + {j}), d{j}, g);");
                }

                w.WriteLine($"{Unsafe}.Add(ref inputGradient0, xRow + i) = g;");
            }
        }
    }

    /// <summary>
    /// dL/dx_s = Σ_j dL/dz_s[j] · Wᵀ[j, :]: rows of the transposed kernel scaled and added, SIMD across the inputs (blocks
    /// of inputs as the forward pass has blocks of units, the last one overlapping), with no horizontal sums.
    /// </summary>
    private static void TransposedInputGradient(SourceWriter w, VectorWidth u, MatrixProduct product)
    {
        int samples = product.InputGradientSamples(u);
        w.WriteLine($"// dL/dx_s = Σ_j dL/dz_s[j] · Wᵀ[j, :], SIMD across the inputs{(samples > 1 ? $", {samples} samples a pass sharing each row of Wᵀ loaded" : string.Empty)}");
        w.WriteLine($"ref float inputGradient0 = ref {MemoryMarshal}.GetReference(inputGradient);");
        using (w.Open(samples > 1 ? $"for (int s = 0; s < count; s += {samples})" : "for (int s = 0; s < count; s++)"))
        {
            if (samples > 1)
            {
                w.WriteLine("// Past the last sample the pass repeats it, which computes and stores its row again, unchanged.");
                w.WriteLine("int " + string.Join(", ", Enumerable.Range(1, samples - 1).Select(k => $"s{k} = global::System.Math.Min(s + {k}, count - 1)")) + ";");
                w.WriteLine($"nuint dRow = (nuint)(s * {product.Units}), " + string.Join(", ", Enumerable.Range(1, samples - 1).Select(k => $"dRow{k} = (nuint)(s{k} * {product.Units})")) + ";");
                w.WriteLine($"nuint xRow = (nuint)(s * {product.Inputs}), " + string.Join(", ", Enumerable.Range(1, samples - 1).Select(k => $"xRow{k} = (nuint)(s{k} * {product.Inputs})")) + ";");
            }
            else
            {
                w.WriteLine($"nuint dRow = (nuint)(s * {product.Units});");
                w.WriteLine($"nuint xRow = (nuint)(s * {product.Inputs});");
            }

            // Wide inputs: the leading tiles of whole blocks become a loop over input offsets, as in the forward pass.
            BlockTiles.Write(w, u.Blocks(product.Inputs), u.Lanes, InputBlocksPerTile, "i0", starts => InputGradientTile(w, u, product, starts, samples));
        }
    }

    /// <summary>One tile of input blocks for the pass's samples: the first sample's names are <c>dx{b}</c>, <c>dz</c>, <c>dRow</c>, <c>xRow</c>; sample k's end in k.</summary>
    private static void InputGradientTile(SourceWriter w, VectorWidth u, MatrixProduct product, string[] starts, int samples)
    {
        string Dx(int k, int b) => k == 0 ? $"dx{b}" : $"dx{b}_{k}";
        string Of(string name, int k) => k == 0 ? name : name + k;
        for (int k = 0; k < samples; k++)
        {
            w.WriteLine($"{u.Float} " + string.Join(", ", Enumerable.Range(0, starts.Length).Select(b => $"{Dx(k, b)} = {u.Float}.Zero")) + ";");
        }

        using (w.Open($"for (int j = 0; j < {product.Units}; j++)"))
        {
            for (int k = 0; k < samples; k++)
            {
                w.WriteLine($"{u.Float} {Of("dz", k)} = {u.Type}.Create({Unsafe}.Add(ref gradient0, {Of("dRow", k)} + (nuint)j));");
            }

            w.WriteLine($"nuint row = (nuint)(j * {product.Inputs});");
            for (int b = 0; b < starts.Length; b++)
            {
                string load = $"{u.Type}.LoadUnsafe(ref transposedKernel0, {MatrixProductForwardCode.Plus("row", starts[b])})";
                if (samples == 1)
                {
                    w.WriteLine($"dx{b} = {u.MultiplyAdd}(dz, {load}, dx{b});");
                    continue;
                }

                w.WriteLine($"{u.Float} w{b} = {load};");
                for (int k = 0; k < samples; k++)
                {
                    w.WriteLine($"{Dx(k, b)} = {u.MultiplyAdd}({Of("dz", k)}, w{b}, {Dx(k, b)});");
                }
            }
        }

        for (int k = 0; k < samples; k++)
        {
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"{u.Type}.StoreUnsafe({Dx(k, b)}, ref inputGradient0, {MatrixProductForwardCode.Plus(Of("xRow", k), starts[b])});");
            }
        }
    }
}
