using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Model;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The mini-batch methods (<c>{Prefix}ForwardBatch</c>, <c>{Prefix}BackwardBatch</c>): a layer's pass over a tile of
/// samples laid out row-major (samples × features). They use the batch for speed the way a matrix product does: forward,
/// each block of kernel row is loaded once for four samples (a 4-sample × 3-block register tile of accumulators);
/// backward, each row of the kernel gradient is loaded and stored once per tile instead of once per sample, which is
/// what bounds per-sample training of wide layers (a 784 × 128 gradient is 400 KB of memory traffic per sample).
/// Additions happen in sample order, as a loop of per-sample steps would do them.
/// </summary>
internal static class BatchEmitter
{
    private const int SampleTile = 4;
    private const int BlockTile = 3;

    /// <summary>
    /// Writes <c>{Prefix}ForwardBatch</c> in 256-bit vectors and, for layers of 16 units or more, <c>{Prefix}ForwardBatch512</c>,
    /// which the 256-bit method hands over to where 512-bit vectors are hardware-accelerated.
    /// </summary>
    public static void Forward(SourceWriter w, LayerSpec layer, bool isOutput)
    {
        bool wide = VectorWidth.ForBatch(layer.Units) == VectorWidth.V512;
        Forward(w, VectorWidth.V256, layer, isOutput, delegateTo512: wide);
        if (wide)
        {
            w.WriteLine();
            Forward(w, VectorWidth.V512, layer, isOutput, delegateTo512: false);
        }
    }

    private static void Forward(SourceWriter w, VectorWidth v, LayerSpec layer, bool isOutput, bool delegateTo512)
    {
        string applies = isOutput ? "the logits x·W + b" : $"{ActivationCode.Describe(layer)}(x·W + b)";
        string suffix = Suffix(v);
        w.WriteLine($"/// <summary>{layer.Name} forward for <paramref name=\"count\"/> samples (rows of <paramref name=\"x\"/> and <paramref name=\"y\"/>), {v.Bits}-bit vectors: writes {applies}.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {layer.MethodPrefix}ForwardBatch{suffix}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int count)"))
        {
            if (delegateTo512)
            {
                using (w.Open($"if ({VectorWidth.V512.Type}.IsHardwareAccelerated)"))
                {
                    w.WriteLine($"{layer.MethodPrefix}ForwardBatch512(kernel, bias, x, y, count);");
                    w.WriteLine("return;");
                }

                w.WriteLine();
            }

            w.WriteLine($"if (kernel.Length != {layer.KernelSize} || bias.Length != {layer.Units} || (uint)count > (uint)(x.Length / {layer.Inputs}) || count > y.Length / {layer.Units}) {ShapeGuard}.ThrowLayerShape(\"{layer.Name}\");");
            SimdDenseEmitter.WriteRefs(w, "kernel", "bias", "x", "y");
            if (layer.Units < v.Lanes)
            {
                NarrowForward(w, layer, isOutput);
                return;
            }

            IReadOnlyList<int> blocks = v.Blocks(layer.Units);
            w.WriteLine("int s = 0;");
            using (w.Open($"for (; s + {SampleTile} <= count; s += {SampleTile})"))
            {
                ForwardTile(w, v, layer, isOutput, blocks, SampleTile);
            }

            using (w.Open("for (; s < count; s++)"))
            {
                ForwardTile(w, v, layer, isOutput, blocks, 1);
            }

            if (!isOutput && ActivationCode.NeedsSecondPass(layer))
            {
                w.WriteLine(ActivationCode.InPlace(layer, $"y.Slice(0, count * {layer.Units})")!);
            }
        }
    }

    private static void ForwardTile(SourceWriter w, VectorWidth v, LayerSpec layer, bool isOutput, IReadOnlyList<int> blocks, int samples)
    {
        w.WriteLine($"nint xRow = (nint)s * {layer.Inputs};");
        w.WriteLine($"nuint yRow = (nuint)(s * {layer.Units});");

        // Wide layers: the leading tiles of 3 blocks (at multiples of 8, so never overlapping) become a loop over unit
        // offsets, keeping the method's size independent of the layer's width; the rest are written out.
        int looped = blocks.Count > 2 * BlockTile ? (blocks.Count - 1) / BlockTile * BlockTile : 0;
        if (looped > 0)
        {
            using (w.Open($"for (nuint u0 = 0; u0 < {looped * v.Lanes}; u0 += {BlockTile * v.Lanes})"))
            {
                string[] starts = Enumerable.Range(0, BlockTile).Select(b => b == 0 ? "u0" : $"u0 + {b * v.Lanes}").ToArray();
                TileBody(w, v, layer, isOutput, samples, starts);
            }
        }

        for (int t = looped; t < blocks.Count; t += BlockTile)
        {
            string[] starts = blocks.Skip(t).Take(BlockTile).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            using (w.OpenScope())
            {
                TileBody(w, v, layer, isOutput, samples, starts);
            }
        }
    }

    /// <summary>One register tile: <paramref name="samples"/> samples × the blocks of units starting at <paramref name="starts"/>.</summary>
    private static void TileBody(SourceWriter w, VectorWidth v, LayerSpec layer, bool isOutput, int samples, string[] starts)
    {
        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{v.Float} b{b} = {v.Type}.LoadUnsafe(ref bias0, {starts[b]});");
            for (int k = 0; k < samples; k++)
            {
                w.WriteLine($"{v.Float} z{k}_{b} = b{b};");
            }
        }

        using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
        {
            w.WriteLine($"nuint row = (nuint)(i * {layer.Units});");
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"{v.Float} w{b} = {v.Type}.LoadUnsafe(ref kernel0, row + {starts[b]});");
            }

            for (int k = 0; k < samples; k++)
            {
                w.WriteLine($"{v.Float} sample{k} = {v.Type}.Create({Unsafe}.Add(ref x0, xRow + {k * layer.Inputs} + i));");
                for (int b = 0; b < starts.Length; b++)
                {
                    w.WriteLine($"z{k}_{b} = {v.Type}.FusedMultiplyAdd(sample{k}, w{b}, z{k}_{b});");
                }
            }
        }

        for (int k = 0; k < samples; k++)
        {
            for (int b = 0; b < starts.Length; b++)
            {
                string z = $"z{k}_{b}";
                string value = isOutput ? z : ActivationCode.Vector(layer, z, v);
                string offset = k == 0 ? starts[b] : $"{k * layer.Units} + {starts[b]}";
                w.WriteLine($"{v.Type}.StoreUnsafe({value}, ref y0, yRow + {offset});");
            }
        }
    }

    /// <summary>
    /// Layers of fewer than 8 units (a classifier's output layer): eight samples at a time in the lanes of one vector per
    /// unit, an input column gathered from eight rows and each weight broadcast, so the multiply-adds are vector ones
    /// even though the units would fill less than one vector. Each sample gets the same multiply-adds in the same order as
    /// alone; the samples left over go one at a time.
    /// </summary>
    private static void NarrowForward(SourceWriter w, LayerSpec layer, bool isOutput)
    {
        VectorWidth v = VectorWidth.V256;
        string Activate(string z) => isOutput ? z : ActivationCode.Scalar(layer, z);
        w.WriteLine("int s = 0;");
        using (w.Open($"for (; s + {v.Lanes} <= count; s += {v.Lanes})"))
        {
            w.WriteLine($"nint xRow = (nint)s * {layer.Inputs};");
            w.WriteLine($"nint yRow = (nint)s * {layer.Units};");
            for (int j = 0; j < layer.Units; j++)
            {
                w.WriteLine($"{v.Float} z{j} = {v.Type}.Create({Unsafe}.Add(ref bias0, {j}));");
            }

            using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
            {
                string column = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(k => $"{Unsafe}.Add(ref x0, xRow + {k * layer.Inputs} + i)"));
                w.WriteLine($"{v.Float} xi = {v.Type}.Create({column});");
                w.WriteLine($"nint row = (nint)i * {layer.Units};");
                for (int j = 0; j < layer.Units; j++)
                {
                    w.WriteLine($"z{j} = {v.Type}.FusedMultiplyAdd(xi, {v.Type}.Create({Unsafe}.Add(ref kernel0, row + {j})), z{j});");
                }
            }

            for (int k = 0; k < v.Lanes; k++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    w.WriteLine($"{Unsafe}.Add(ref y0, yRow + {k * layer.Units + j}) = {Activate($"{v.Type}.GetElement(z{j}, {k})")};");
                }
            }
        }

        using (w.Open("for (; s < count; s++)"))
        {
            w.WriteLine($"nint xRow = (nint)s * {layer.Inputs};");
            w.WriteLine($"nint yRow = (nint)s * {layer.Units};");
            for (int j = 0; j < layer.Units; j++)
            {
                w.WriteLine($"float z{j} = {Unsafe}.Add(ref bias0, {j});");
            }

            using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
            {
                w.WriteLine($"float xi = {Unsafe}.Add(ref x0, xRow + i);");
                w.WriteLine($"nint row = (nint)i * {layer.Units};");
                for (int j = 0; j < layer.Units; j++)
                {
                    w.WriteLine($"z{j} = {Fma}(xi, {Unsafe}.Add(ref kernel0, row + {j}), z{j});");
                }
            }

            for (int j = 0; j < layer.Units; j++)
            {
                w.WriteLine($"{Unsafe}.Add(ref y0, yRow + {j}) = {Activate("z" + j)};");
            }
        }
    }

    /// <summary>Adds Σ_s x_s[i + r] · dL/dz_s into kernel-gradient rows i .. i + <paramref name="rows"/> − 1.</summary>
    private static void KernelGradientRows(SourceWriter w, VectorWidth v, LayerSpec layer, int fullBlocks, int scalarFrom, int rows)
    {
        string Row(int r) => r == 0 ? "i" : $"i + {r}";
        for (int t = 0; t < System.Math.Max(fullBlocks, 1); t += SimdLoopDenseEmitter.BlocksPerTile)
        {
            int[] tile = Enumerable.Range(t, System.Math.Min(SimdLoopDenseEmitter.BlocksPerTile, fullBlocks - t)).Select(b => b * v.Lanes).ToArray();
            bool withScalars = t + SimdLoopDenseEmitter.BlocksPerTile >= fullBlocks && scalarFrom < layer.Units;
            if (tile.Length == 0 && !withScalars)
            {
                continue;
            }

            using (w.OpenScope())
            {
                for (int r = 0; r < rows; r++)
                {
                    w.WriteLine($"nuint row{r} = (nuint)(({Row(r)}) * {layer.Units});");
                    foreach (int start in tile)
                    {
                        w.WriteLine($"{v.Float} g{r}_{start} = {v.Type}.LoadUnsafe(ref kernelGradient0, row{r} + {start});");
                    }

                    if (withScalars)
                    {
                        for (int j = scalarFrom; j < layer.Units; j++)
                        {
                            w.WriteLine($"float g{r}_{j}s = {Unsafe}.Add(ref kernelGradient0, (nint)row{r} + {j});");
                        }
                    }
                }

                using (w.Open("for (int s = 0; s < count; s++)"))
                {
                    w.WriteLine($"nint xRow = (nint)s * {layer.Inputs} + i;");
                    w.WriteLine($"nuint dRow = (nuint)(s * {layer.Units});");
                    for (int r = 0; r < rows; r++)
                    {
                        w.WriteLine($"float input{r} = {Unsafe}.Add(ref x0, xRow + {r});");
                        if (tile.Length > 0)
                        {
                            w.WriteLine($"{v.Float} xs{r} = {v.Type}.Create(input{r});");
                        }

                        foreach (int start in tile)
                        {
                            w.WriteLine($"g{r}_{start} = {v.Type}.FusedMultiplyAdd(xs{r}, {v.Type}.LoadUnsafe(ref gradient0, dRow + {start}), g{r}_{start});");
                        }

                        if (withScalars)
                        {
                            for (int j = scalarFrom; j < layer.Units; j++)
                            {
                                w.WriteLine($"g{r}_{j}s = {Fma}(input{r}, {Unsafe}.Add(ref gradient0, (nint)dRow + {j}), g{r}_{j}s);");
                            }
                        }
                    }
                }

                for (int r = 0; r < rows; r++)
                {
                    foreach (int start in tile)
                    {
                        w.WriteLine($"{v.Type}.StoreUnsafe(g{r}_{start}, ref kernelGradient0, row{r} + {start});");
                    }

                    if (withScalars)
                    {
                        for (int j = scalarFrom; j < layer.Units; j++)
                        {
                            w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, (nint)row{r} + {j}) = g{r}_{j}s;");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Writes <c>{Prefix}BackwardBatch</c> and, for layers of 16 units or more, <c>{Prefix}BackwardBatch512</c>, as <see cref="Forward(SourceWriter, LayerSpec, bool)"/>.</summary>
    public static void Backward(SourceWriter w, LayerSpec layer, LayerSpec? previous, bool transposed)
    {
        bool wide = VectorWidth.ForBatch(layer.Units) == VectorWidth.V512;
        Backward(w, VectorWidth.V256, layer, previous, transposed, delegateTo512: wide);
        if (wide)
        {
            w.WriteLine();
            Backward(w, VectorWidth.V512, layer, previous, transposed, delegateTo512: false);
        }
    }

    /// <summary>Floats of transposed kernels one <c>TrainBatch</c> call may keep on the stack, all layers together.</summary>
    public const int TransposedBudget = 16_384;

    /// <summary>
    /// The layers whose mini-batch backward pass reads the kernel transposed (units × inputs, written once per
    /// <c>TrainBatch</c> call on the stack) to compute dL/dx as a sum of rows, vectorised across the inputs, instead of one
    /// dot product and horizontal sum per input and sample: horizontal sums dominated the backward pass of 10-unit
    /// layers (Iris) and of narrow layers after wide ones (784-128-10's second layer). Layers with a previous layer and
    /// at least 8 inputs, from the last one back, while the kernels fit in <see cref="TransposedBudget"/> floats.
    /// </summary>
    public static bool[] TransposedKernels(EquatableArray<LayerSpec> layers)
    {
        var transposed = new bool[layers.Count];
        int budget = TransposedBudget;
        for (int i = layers.Count - 1; i > 0; i--)
        {
            if (layers[i].Inputs >= VectorWidth.V256.Lanes && layers[i].KernelSize <= budget)
            {
                transposed[i] = true;
                budget -= layers[i].KernelSize;
            }
        }

        return transposed;
    }

    /// <summary>The method-name suffix: none for the 256-bit method (the one callers name), <c>512</c> for the other.</summary>
    private static string Suffix(VectorWidth v) => v == VectorWidth.V256 ? string.Empty : v.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Backward(SourceWriter w, VectorWidth v, LayerSpec layer, LayerSpec? previous, bool transposed, bool delegateTo512)
    {
        string kernel = transposed ? "transposedKernel" : "kernel";
        string suffix = Suffix(v);
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {layer.Name} backward for <paramref name=\"count\"/> samples, {v.Bits}-bit vectors: from dL/dz (rows of <paramref name=\"gradient\"/>), adds Σ_s x_sᵀ·dL/dz_s into");
        w.WriteLine("/// <paramref name=\"kernelGradient\"/> and Σ_s dL/dz_s into <paramref name=\"biasGradient\"/>, each gradient row loaded and stored once"
            + (previous is null ? "." : $"; writes dL/dz of {previous.Name} for each sample into <paramref name=\"previousGradient\"/>."));
        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        string tail = previous is null ? string.Empty : $", {Span} previousGradient";
        using (w.Open($"private static void {layer.MethodPrefix}BackwardBatch{suffix}({ReadOnlySpan} {kernel}, {ReadOnlySpan} x, {ReadOnlySpan} gradient, {Span} kernelGradient, {Span} biasGradient{tail}, int count)"))
        {
            if (delegateTo512)
            {
                using (w.Open($"if ({VectorWidth.V512.Type}.IsHardwareAccelerated)"))
                {
                    w.WriteLine($"{layer.MethodPrefix}BackwardBatch512({kernel}, x, gradient, kernelGradient, biasGradient{(previous is null ? string.Empty : ", previousGradient")}, count);");
                    w.WriteLine("return;");
                }

                w.WriteLine();
            }

            string check = previous is null ? string.Empty : $" || count > previousGradient.Length / {layer.Inputs}";
            w.WriteLine($"if ({kernel}.Length != {layer.KernelSize} || kernelGradient.Length != {layer.KernelSize} || biasGradient.Length != {layer.Units} || (uint)count > (uint)(x.Length / {layer.Inputs}) || count > gradient.Length / {layer.Units}{check}) {ShapeGuard}.ThrowLayerShape(\"{layer.Name}\");");
            SimdDenseEmitter.WriteRefs(w, kernel, "x", "gradient", "kernelGradient", "biasGradient");
            int fullBlocks = layer.Units / v.Lanes;
            int scalarFrom = fullBlocks * v.Lanes;

            w.WriteLine();
            w.WriteLine("// dL/db += Σ_s dL/dz_s");
            for (int b = 0; b < fullBlocks; b++)
            {
                int start = b * v.Lanes;
                using (w.OpenScope())
                {
                    w.WriteLine($"{v.Float} sum = {v.Type}.LoadUnsafe(ref biasGradient0, {start});");
                    using (w.Open("for (int s = 0; s < count; s++)"))
                    {
                        w.WriteLine($"sum += {v.Type}.LoadUnsafe(ref gradient0, (nuint)(s * {layer.Units} + {start}));");
                    }

                    w.WriteLine($"{v.Type}.StoreUnsafe(sum, ref biasGradient0, {start});");
                }
            }

            if (scalarFrom < layer.Units)
            {
                // The units left over after whole blocks: one chain per unit, all advanced in the same loop over samples
                // so that they overlap instead of waiting on each other's additions.
                using (w.OpenScope())
                {
                    for (int j = scalarFrom; j < layer.Units; j++)
                    {
                        w.WriteLine($"float sum{j} = {Unsafe}.Add(ref biasGradient0, {j});");
                    }

                    using (w.Open("for (int s = 0; s < count; s++)"))
                    {
                        w.WriteLine($"nint dRow = (nint)s * {layer.Units};");
                        for (int j = scalarFrom; j < layer.Units; j++)
                        {
                            w.WriteLine($"sum{j} += {Unsafe}.Add(ref gradient0, dRow + {j});");
                        }
                    }

                    for (int j = scalarFrom; j < layer.Units; j++)
                    {
                        w.WriteLine($"{Unsafe}.Add(ref biasGradient0, {j}) = sum{j};");
                    }
                }
            }

            w.WriteLine();
            w.WriteLine("// dL/dW[i, :] += Σ_s x_s[i] · dL/dz_s, one load and store of each gradient row per tile");

            // Each gradient element is a chain of additions over the samples; a pass takes enough rows at once that
            // about four chains advance side by side (additions per element stay in sample order).
            int chains = System.Math.Min(fullBlocks, SimdLoopDenseEmitter.BlocksPerTile) + (scalarFrom < layer.Units ? 1 : 0);
            int rows = System.Math.Max(1, System.Math.Min(4 / System.Math.Max(chains, 1), layer.Inputs));
            if (rows > 1)
            {
                using (w.OpenScope())
                {
                    w.WriteLine("int i = 0;");
                    using (w.Open($"for (; i + {rows} <= {layer.Inputs}; i += {rows})"))
                    {
                        KernelGradientRows(w, v, layer, fullBlocks, scalarFrom, rows);
                    }

                    using (w.Open($"for (; i < {layer.Inputs}; i++)"))
                    {
                        KernelGradientRows(w, v, layer, fullBlocks, scalarFrom, 1);
                    }
                }
            }
            else
            {
                using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
                {
                    KernelGradientRows(w, v, layer, fullBlocks, scalarFrom, 1);
                }
            }

            if (previous is null)
            {
                return;
            }

            w.WriteLine();
            if (transposed)
            {
                TransposedInputGradient(w, v.Lanes <= layer.Inputs ? v : VectorWidth.V256, layer, previous);
            }
            else
            {
                DotInputGradient(w, v, layer, previous, fullBlocks, scalarFrom);
            }

            WriteActivationBackward(w, v, layer, previous);
        }
    }

    /// <summary>dL/dx_s[i] = W[i, :] · dL/dz_s: one dot product (and horizontal sum) per input and sample.</summary>
    private static void DotInputGradient(SourceWriter w, VectorWidth v, LayerSpec layer, LayerSpec previous, int fullBlocks, int scalarFrom)
    {
        w.WriteLine($"// dL/dz of {previous.Name} for each sample: W[i, :] · dL/dz_s, through {ActivationCode.Describe(previous)}′");
        w.WriteLine($"ref float previous0 = ref {MemoryMarshal}.GetReference(previousGradient);");
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            w.WriteLine($"nuint dRow = (nuint)(s * {layer.Units});");
            w.WriteLine($"nint xRow = (nint)s * {layer.Inputs};");
            for (int b = 0; b < fullBlocks; b++)
            {
                w.WriteLine($"{v.Float} d{b * v.Lanes} = {v.Type}.LoadUnsafe(ref gradient0, dRow + {b * v.Lanes});");
            }

            for (int j = scalarFrom; j < layer.Units; j++)
            {
                w.WriteLine($"float d{j} = {Unsafe}.Add(ref gradient0, (nint)dRow + {j});");
            }

            using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
            {
                w.WriteLine($"nuint row = (nuint)(i * {layer.Units});");
                if (fullBlocks > 0)
                {
                    w.WriteLine($"{v.Float} dot = {v.Type}.LoadUnsafe(ref kernel0, row) * d0;");
                    for (int b = 1; b < fullBlocks; b++)
                    {
                        w.WriteLine($"dot = {v.Type}.FusedMultiplyAdd({v.Type}.LoadUnsafe(ref kernel0, row + {b * v.Lanes}), d{b * v.Lanes}, dot);");
                    }

                    w.WriteLine($"float g = {v.Type}.Sum(dot);");
                }
                else
                {
                    w.WriteLine("float g = 0f;");
                }

                for (int j = scalarFrom; j < layer.Units; j++)
                {
                    w.WriteLine($"g = {Fma}({Unsafe}.Add(ref kernel0, (nint)row + {j}), d{j}, g);");
                }

                w.WriteLine($"{Unsafe}.Add(ref previous0, xRow + i) = g;");
            }
        }
    }

    /// <summary>
    /// dL/dx_s = Σ_j dL/dz_s[j] · Wᵀ[j, :]: rows of the transposed kernel scaled and added, SIMD across the inputs (blocks of
    /// inputs as the forward pass has blocks of units, the last one overlapping), with no horizontal sums.
    /// </summary>
    private static void TransposedInputGradient(SourceWriter w, VectorWidth u, LayerSpec layer, LayerSpec previous)
    {
        w.WriteLine($"// dL/dz of {previous.Name} for each sample: Σ_j dL/dz_s[j] · Wᵀ[j, :], SIMD across the inputs, through {ActivationCode.Describe(previous)}′");
        w.WriteLine($"ref float previous0 = ref {MemoryMarshal}.GetReference(previousGradient);");
        IReadOnlyList<int> blocks = u.Blocks(layer.Inputs);
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            w.WriteLine($"nuint dRow = (nuint)(s * {layer.Units});");
            w.WriteLine($"nuint xRow = (nuint)(s * {layer.Inputs});");

            // Wide inputs: the leading tiles of whole blocks become a loop over input offsets, as in the forward pass.
            int looped = blocks.Count > 2 * InputBlocksPerTile ? (blocks.Count - 1) / InputBlocksPerTile * InputBlocksPerTile : 0;
            if (looped > 0)
            {
                using (w.Open($"for (nuint i0 = 0; i0 < {looped * u.Lanes}; i0 += {InputBlocksPerTile * u.Lanes})"))
                {
                    InputGradientTile(w, u, layer, Enumerable.Range(0, InputBlocksPerTile).Select(b => b == 0 ? "i0" : $"i0 + {b * u.Lanes}").ToArray());
                }
            }

            for (int t = looped; t < blocks.Count; t += InputBlocksPerTile)
            {
                using (w.OpenScope())
                {
                    InputGradientTile(w, u, layer, blocks.Skip(t).Take(InputBlocksPerTile).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
                }
            }
        }
    }

    /// <summary>Blocks of inputs whose accumulators a pass of <see cref="TransposedInputGradient"/> keeps in registers.</summary>
    private const int InputBlocksPerTile = 4;

    private static void InputGradientTile(SourceWriter w, VectorWidth u, LayerSpec layer, string[] starts)
    {
        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{u.Float} dx{b} = {u.Float}.Zero;");
        }

        using (w.Open($"for (int j = 0; j < {layer.Units}; j++)"))
        {
            w.WriteLine($"{u.Float} dz = {u.Type}.Create({Unsafe}.Add(ref gradient0, dRow + (nuint)j));");
            w.WriteLine($"nuint row = (nuint)(j * {layer.Inputs});");
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"dx{b} = {u.Type}.FusedMultiplyAdd(dz, {u.Type}.LoadUnsafe(ref transposedKernel0, row + {starts[b]}), dx{b});");
            }
        }

        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{u.Type}.StoreUnsafe(dx{b}, ref previous0, xRow + {starts[b]});");
        }
    }

    /// <summary>
    /// Carries the tile's dL/d(output of <paramref name="previous"/>) through its activation, in place, as one vector pass
    /// over the count × inputs values (the layer's inputs x are that activation's outputs, laid out the same way).
    /// Branch-free: with shuffled samples the sign pattern of ReLU outputs is unpredictable, and a branch per value
    /// was measured to cost about a quarter of the Iris network's training step.
    /// </summary>
    private static void WriteActivationBackward(SourceWriter w, VectorWidth v, LayerSpec layer, LayerSpec previous)
    {
        if (previous.Activation == Activation.Linear)
        {
            return;
        }

        string slope = Literals.Float(previous.NegativeSlope);
        string vector = previous.Activation switch
        {
            Activation.ReLU => $"{v.Type}.ConditionalSelect({v.Type}.GreaterThan(a, {v.Float}.Zero), g, {v.Float}.Zero)",
            Activation.LeakyReLU => $"{v.Type}.ConditionalSelect({v.Type}.GreaterThan(a, {v.Float}.Zero), g, {slope} * g)",
            Activation.Sigmoid => $"g * (a * ({v.Float}.One - a))",
            _ => $"g * ({v.Float}.One - a * a)",
        };
        w.WriteLine();
        w.WriteLine($"// Through {ActivationCode.Describe(previous)}′, written in terms of its outputs x.");
        using (w.OpenScope())
        {
            w.WriteLine($"nuint total = (nuint)(count * {layer.Inputs});");
            w.WriteLine("nuint k = 0;");
            using (w.Open($"for (; k + {v.Lanes} <= total; k += {v.Lanes})"))
            {
                w.WriteLine($"{v.Float} a = {v.Type}.LoadUnsafe(ref x0, k);");
                w.WriteLine($"{v.Float} g = {v.Type}.LoadUnsafe(ref previous0, k);");
                w.WriteLine($"{v.Type}.StoreUnsafe({vector}, ref previous0, k);");
            }

            using (w.Open("for (; k < total; k++)"))
            {
                w.WriteLine($"float a = {Unsafe}.Add(ref x0, (nint)k);");
                w.WriteLine($"float g = {Unsafe}.Add(ref previous0, (nint)k);");
                w.WriteLine($"{Unsafe}.Add(ref previous0, (nint)k) = {ActivationCode.ScalarDerivative(previous, "g", "a")};");
            }
        }
    }
}
