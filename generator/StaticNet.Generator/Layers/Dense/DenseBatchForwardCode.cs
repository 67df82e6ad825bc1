using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// <c>{Prefix}ForwardBatch</c>: a Dense layer over a tile of samples laid out row-major, used the way a matrix product
/// uses its rows: each block of a kernel row is loaded once for four samples (a register tile of 4 samples × 3 blocks of
/// accumulators). Every sample's sums are the same multiply-adds in the same order as alone, so a sample's output is the
/// same bits whichever tile it is in.
/// </summary>
internal static class DenseBatchForwardCode
{
    private const int SampleTile = 4;
    /// <summary>
    /// Blocks of units a register tile holds: 4 samples × 3 blocks is 12 accumulators, which with the 3 loaded weight
    /// blocks and the broadcast sample fill AVX's 16 registers. SSE has 16 too, but its two-operand multiply needs a copy
    /// of the sample for each product, and 3 blocks spilled an accumulator to the stack in the inner loop (a default
    /// Native AOT build, measured): 128-bit tiles take 2 blocks.
    /// </summary>
    private static int BlockTile(VectorWidth v) => v == VectorWidth.V128 ? 2 : 3;

    /// <summary>Writes <c>{Prefix}ForwardBatch</c>, and its 512-bit and 128-bit twins where the plan asks for them.</summary>
    public static void Write(SourceWriter w, LayerPlan plan)
    {
        Write(w, plan, VectorWidth.V256, delegateTo512: plan.Dense().Batch512);
        if (plan.Dense().Batch512)
        {
            w.WriteLine();
            Write(w, plan, VectorWidth.V512, delegateTo512: false);
        }

        if (plan.Dense().Batch128)
        {
            w.WriteLine();
            Write(w, plan, VectorWidth.V128, delegateTo512: false);
        }
    }

    /// <summary>
    /// Where 256-bit vectors are not accelerated: the 128-bit twin where 128-bit vectors are (a default Native AOT build),
    /// else the runtime's reference loops. In a JIT build both conditions are constants and the dead branch is dropped.
    /// </summary>
    internal static void Portable(SourceWriter w, LayerPlan plan, string twinCall, string referenceCall)
    {
        using (w.Open($"if (!{Vector256}.IsHardwareAccelerated)"))
        {
            if (plan.Dense().Batch128)
            {
                using (w.Open($"if ({VectorWidth.V128.Type}.IsHardwareAccelerated)"))
                {
                    w.WriteLine(twinCall);
                    w.WriteLine("return;");
                }
            }

            w.WriteLine(referenceCall);
            w.WriteLine("return;");
        }
    }

    /// <summary>The method-name suffix: none for the 256-bit method (the one callers name), <c>512</c> or <c>128</c> for its twins.</summary>
    public static string Suffix(VectorWidth v) => v == VectorWidth.V256 ? string.Empty : v.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Write(SourceWriter w, LayerPlan plan, VectorWidth v, bool delegateTo512)
    {
        var dense = (DenseLayer)plan.Layer;
        string applies = plan.DefersActivation ? "the logits x·W + b" : $"{ActivationCode.Describe(dense.Activation, dense.NegativeSlope)}(x·W + b)";
        w.WriteLine($"/// <summary>{dense.Name} forward for <paramref name=\"count\"/> samples (rows of <paramref name=\"x\"/> and <paramref name=\"y\"/>), {v.Bits}-bit vectors: writes {applies}.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {dense.Prefix}ForwardBatch{Suffix(v)}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int count)"))
        {
            if (delegateTo512)
            {
                using (w.Open($"if ({VectorWidth.V512.Type}.IsHardwareAccelerated)"))
                {
                    w.WriteLine($"{dense.Prefix}ForwardBatch512(kernel, bias, x, y, count);");
                    w.WriteLine("return;");
                }
            }

            w.WriteLine($"if (kernel.Length != {dense.KernelSize} || bias.Length != {dense.Units} || (uint)count > (uint)(x.Length / {dense.Inputs}) || count > y.Length / {dense.Units}) {ShapeGuard}.ThrowLayerShape(\"{dense.Name}\");");
            if (v == VectorWidth.V256)
            {
                Portable(w, plan, $"{dense.Prefix}ForwardBatch128(kernel, bias, x, y, count);", DenseEmitter.Reference(plan, "kernel", "bias", "x", "y", "count"));
            }

            DenseInferenceCode.Refs(w, "kernel", "bias", "x", "y");
            if (dense.Units < v.Lanes)
            {
                Narrow(w, v, plan);
                return;
            }

            w.WriteLine("int last = count - 1;");
            using (w.Open($"for (int s = 0; s < count; s += {SampleTile})"))
            {
                w.WriteLine($"// The tile's {SampleTile} rows; past the last sample they repeat it, which computes and stores its row again, unchanged.");
                w.WriteLine("nint " + string.Join(", ", Enumerable.Range(0, SampleTile).Select(k => k == 0 ? "row0 = s" : $"row{k} = global::System.Math.Min(s + {k}, last)")) + ";");
                w.WriteLine("nint " + string.Join(", ", Enumerable.Range(0, SampleTile).Select(k => $"xRow{k} = row{k} * {((DenseLayer)plan.Layer).Inputs}")) + ";");

                Tiles(w, v, plan);
            }

            if (!plan.DefersActivation && ActivationCode.NeedsSecondPass(dense.Activation))
            {
                w.WriteLine(ActivationCode.InPlace(dense.Activation, dense.NegativeSlope, $"y.Slice(0, count * {dense.Units})", precise: v == VectorWidth.V128)!);
            }
        }
    }

    private static void Tiles(SourceWriter w, VectorWidth v, LayerPlan plan)
    {
        IReadOnlyList<int> blocks = v.Blocks(((DenseLayer)plan.Layer).Units);
        int blockTile = BlockTile(v);

        // Wide layers: the leading tiles of 3 blocks (at multiples of the lanes, so never overlapping) become a loop over
        // unit offsets, keeping the method's size independent of the layer's width; the rest are written out.
        int looped = blocks.Count > 2 * blockTile ? (blocks.Count - 1) / blockTile * blockTile : 0;
        if (looped > 0)
        {
            using (w.Open($"for (nuint u0 = 0; u0 < {looped * v.Lanes}; u0 += {blockTile * v.Lanes})"))
            {
                TileBody(w, v, plan, Enumerable.Range(0, blockTile).Select(b => b == 0 ? "u0" : $"u0 + {b * v.Lanes}").ToArray());
            }
        }

        for (int t = looped; t < blocks.Count; t += blockTile)
        {
            string[] starts = blocks.Skip(t).Take(blockTile).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (looped == 0 && blocks.Count <= blockTile)
            {
                TileBody(w, v, plan, starts);
                continue;
            }

            using (w.OpenScope())
            {
                TileBody(w, v, plan, starts);
            }
        }
    }

    /// <summary>One register tile: the four samples × the blocks of units starting at <paramref name="starts"/>.</summary>
    private static void TileBody(SourceWriter w, VectorWidth v, LayerPlan plan, string[] starts)
    {
        var dense = (DenseLayer)plan.Layer;
        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{v.Float} b{b} = {v.Type}.LoadUnsafe(ref bias0, {starts[b]});");
            w.WriteLine($"{v.Float} " + string.Join(", ", Enumerable.Range(0, SampleTile).Select(k => $"z{k}_{b} = b{b}")) + ";");
        }

        using (w.Open($"for (int i = 0; i < {dense.Inputs}; i++)"))
        {
            w.WriteLine($"nuint column = (nuint)(i * {dense.Units});");
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"{v.Float} w{b} = {v.Type}.LoadUnsafe(ref kernel0, {Plus("column", starts[b])});");
            }

            for (int k = 0; k < SampleTile; k++)
            {
                w.WriteLine($"{v.Float} sample{k} = {v.Type}.Create({Unsafe}.Add(ref x0, xRow{k} + i));");
                for (int b = 0; b < starts.Length; b++)
                {
                    w.WriteLine($"z{k}_{b} = {v.MultiplyAdd}(sample{k}, w{b}, z{k}_{b});");
                }
            }
        }

        for (int k = 0; k < SampleTile; k++)
        {
            for (int b = 0; b < starts.Length; b++)
            {
                string z = $"z{k}_{b}";
                string value = plan.DefersActivation ? z : ActivationCode.Vector(dense.Activation, dense.NegativeSlope, z, v);
                w.WriteLine($"{v.Type}.StoreUnsafe({value}, ref y0, {Plus($"(nuint)(row{k} * {dense.Units})", starts[b])});");
            }
        }
    }

    /// <summary><paramref name="offset"/> plus <paramref name="start"/>, leaving out a start of 0.</summary>
    internal static string Plus(string offset, string start) => start == "0" ? offset : $"{offset} + {start}";

    /// <summary>
    /// Layers of fewer units than a vector has lanes (a classifier's output layer): as many samples at a time as there are
    /// lanes, one vector per unit, an input column gathered from that many rows and each weight broadcast, so the
    /// multiply-adds are vector ones although the units would fill less than one vector. The samples left over go one at
    /// a time, with the same multiply-adds in the same order.
    /// </summary>
    private static void Narrow(SourceWriter w, VectorWidth v, LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        string Activate(string z) => plan.DefersActivation ? z : ActivationCode.Scalar(dense.Activation, dense.NegativeSlope, z);
        w.WriteLine("int s = 0;");
        using (w.Open($"for (; s + {v.Lanes} <= count; s += {v.Lanes})"))
        {
            w.WriteLine($"nint xRow = (nint)s * {dense.Inputs};");
            w.WriteLine($"nint yRow = (nint)s * {dense.Units};");
            for (int j = 0; j < dense.Units; j++)
            {
                w.WriteLine($"{v.Float} z{j} = {v.Type}.Create({Unsafe}.Add(ref bias0, {j}));");
            }

            using (w.Open($"for (int i = 0; i < {dense.Inputs}; i++)"))
            {
                string column = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(k => $"{Unsafe}.Add(ref x0, xRow + {k * dense.Inputs} + i)"));
                w.WriteLine($"{v.Float} xi = {v.Type}.Create({column});");
                w.WriteLine($"nint row = (nint)i * {dense.Units};");
                for (int j = 0; j < dense.Units; j++)
                {
                    w.WriteLine($"z{j} = {v.MultiplyAdd}(xi, {v.Type}.Create({Unsafe}.Add(ref kernel0, row + {j})), z{j});");
                }
            }

            for (int k = 0; k < v.Lanes; k++)
            {
                for (int j = 0; j < dense.Units; j++)
                {
                    w.WriteLine($"{Unsafe}.Add(ref y0, yRow + {k * dense.Units + j}) = {Activate($"{v.Type}.GetElement(z{j}, {k})")};");
                }
            }
        }

        using (w.Open("for (; s < count; s++)"))
        {
            w.WriteLine($"nint xRow = (nint)s * {dense.Inputs};");
            w.WriteLine($"nint yRow = (nint)s * {dense.Units};");
            for (int j = 0; j < dense.Units; j++)
            {
                w.WriteLine($"float z{j} = {Unsafe}.Add(ref bias0, {j});");
            }

            using (w.Open($"for (int i = 0; i < {dense.Inputs}; i++)"))
            {
                w.WriteLine($"float xi = {Unsafe}.Add(ref x0, xRow + i);");
                w.WriteLine($"nint row = (nint)i * {dense.Units};");
                for (int j = 0; j < dense.Units; j++)
                {
                    w.WriteLine($"z{j} = {Fma}(xi, {Unsafe}.Add(ref kernel0, row + {j}), z{j});");
                }
            }

            for (int j = 0; j < dense.Units; j++)
            {
                w.WriteLine($"{Unsafe}.Add(ref y0, yRow + {j}) = {Activate("z" + j)};");
            }
        }
    }
}
