using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// <c>{Prefix}ForwardBatch</c>, the forward pass of a <see cref="MatrixProduct"/> over a tile of rows laid out row-major
/// (a Dense layer's samples, a convolution's output pixels): each block of a kernel row is loaded once for a register tile
/// of samples (<see cref="MatrixProduct.SampleTile"/> × <see cref="MatrixProduct.BlockTile"/> accumulators). Every sample's sums are the same multiply-adds in the same order as alone, so a sample's output is the
/// same bits whichever tile it is in.
/// </summary>
internal static class MatrixProductForwardCode
{
    /// <summary>Writes <c>{Prefix}ForwardBatch</c>, and its 512-bit and 128-bit twins where the product asks for them.</summary>
    public static void Write(SourceWriter w, MatrixProduct product)
    {
        Write(w, product, VectorWidth.V256, delegateTo512: product.Batch512);
        if (product.Batch512)
        {
            w.WriteLine();
            Write(w, product, VectorWidth.V512, delegateTo512: false);
        }

        if (product.SharedForward)
        {
            w.WriteLine();
            WriteShared(w, product);
        }
        else if (product.Batch128)
        {
            w.WriteLine();
            Write(w, product, VectorWidth.V128, delegateTo512: false);
        }
    }

    /// <summary>The call of the generic pass (<see cref="MatrixProduct.SharedForward"/>) at width <paramref name="v"/>, as one statement.</summary>
    private static string SharedCall(MatrixProduct product, VectorWidth v) =>
        $"{product.Prefix}ForwardBatch<{v.Simd}, {v.Float}>(kernel, bias, x, y, count);";

    /// <summary>The call of <c>{Prefix}ForwardBatch</c> over <paramref name="count"/> rows, as one statement.</summary>
    public static string Call(MatrixProduct product, string kernel, string bias, string x, string y, string count) =>
        $"{product.Prefix}ForwardBatch({kernel}, {bias}, {x}, {y}, {count});";

    /// <summary>
    /// Where 256-bit vectors are not accelerated: the 128-bit twin where 128-bit vectors are (a default Native AOT build),
    /// else the runtime's reference loops. In a JIT build both conditions are constants and the dead branch is dropped.
    /// </summary>
    internal static void Portable(SourceWriter w, MatrixProduct product, string twinCall, string referenceCall)
    {
        using (w.Open($"if (!{Vector256}.IsHardwareAccelerated)"))
        {
            if (product.Batch128)
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

    private static void Write(SourceWriter w, MatrixProduct product, VectorWidth v, bool delegateTo512)
    {
        bool shared = v == VectorWidth.V256 && product.SharedForward;
        string vectors = shared ? "the generic pass at 256 bits, or 128 where only those are accelerated" : $"{v.Bits}-bit vectors";
        w.WriteLine($"/// <summary>{product.Name} forward for <paramref name=\"count\"/> samples (rows of <paramref name=\"x\"/> and <paramref name=\"y\"/>), {vectors}: writes {Applies(product)}.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}ForwardBatch{Suffix(v)}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int count)"))
        {
            if (delegateTo512)
            {
                using (w.Open($"if ({VectorWidth.V512.Type}.IsHardwareAccelerated)"))
                {
                    w.WriteLine($"{product.Prefix}ForwardBatch512(kernel, bias, x, y, count);");
                    w.WriteLine("return;");
                }
            }

            w.WriteLine($"if (kernel.Length != {product.KernelSize} || bias.Length != {product.Units} || (uint)count > (uint)(x.Length / {product.Inputs}) || count > y.Length / {product.Units}) {ShapeGuard}.ThrowLayerShape(\"{product.Name}\");");
            if (shared)
            {
                Portable(w, product, SharedCall(product, VectorWidth.V128), product.Reference("kernel", "bias", "x", "y", "count"));
                w.WriteLine(SharedCall(product, VectorWidth.V256));
                return;
            }

            if (v == VectorWidth.V256)
            {
                Portable(w, product, $"{product.Prefix}ForwardBatch128(kernel, bias, x, y, count);", product.Reference("kernel", "bias", "x", "y", "count"));
            }

            Refs(w, "kernel", "bias", "x", "y");
            if (product.Units < v.Lanes)
            {
                Narrow(w, v, product);
                return;
            }

            w.WriteLine("int last = count - 1;");
            int samples = product.SampleTile(v);
            using (w.Open($"for (int s = 0; s < count; s += {samples})"))
            {
                w.WriteLine($"// The tile's {samples} rows; past the last sample they repeat it, which computes and stores its row again, unchanged.");
                w.WriteLine("nint " + string.Join(", ", Enumerable.Range(0, samples).Select(k => k == 0 ? "row0 = s" : $"row{k} = global::System.Math.Min(s + {k}, last)")) + ";");
                w.WriteLine("nint " + string.Join(", ", Enumerable.Range(0, samples).Select(k => $"xRow{k} = row{k} * {product.Inputs}")) + ";");

                Tiles(w, v, product);
            }

            if (!product.DefersActivation && ActivationCode.NeedsSecondPass(product.Activation))
            {
                w.WriteLine(ActivationCode.InPlace(product.Activation, product.NegativeSlope, $"y.Slice(0, count * {product.Units})", precise: v == VectorWidth.V128)!);
            }
        }
    }

    /// <summary>What the pass writes, for its summary.</summary>
    private static string Applies(MatrixProduct product) =>
        product.DefersActivation ? "the logits x·W + b" : $"{ActivationCode.Describe(product.Activation, product.NegativeSlope)}(x·W + b)";

    /// <summary>
    /// The pass written once for 256 and 128 bits (<see cref="MatrixProduct.SharedForward"/>), called by the checked method
    /// of the same name. A narrow layer's is the samples-in-lanes pass (<see cref="Narrow"/>). Otherwise
    /// (<see cref="MatrixProduct.SharedForwardTile"/>) 128 bits' blocks of units, each starting where
    /// <see cref="VectorWidth.Blocks"/> puts it at the width the JIT compiles (block b at b lanes, or ending at the last
    /// unit), in tiles of two; at 256 bits the first tile covers every unit and the second is skipped. Each sample's sums
    /// are the fixed-width passes' multiply-adds in their order, so the same bits.
    /// </summary>
    private static void WriteShared(SourceWriter w, MatrixProduct product)
    {
        VectorWidth v = VectorWidth.Generic;
        int units = product.Units;
        string how = product.SharedNarrowForward ? "a vector of samples at a time, one accumulator per unit" : "4 samples × 2 blocks of units per register tile";
        w.WriteLine($"/// <summary>{product.Name} forward for <paramref name=\"count\"/> samples (shapes checked by the caller), at any width: writes {Applies(product)}, {how}.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}ForwardBatch{VectorWidth.GenericParameters}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int count) {VectorWidth.GenericConstraints}"))
        {
            Refs(w, "kernel", "bias", "x", "y");
            if (product.SharedNarrowForward)
            {
                Narrow(w, v, product);
                return;
            }

            string[] starts = BlockStarts(w, units, "unit");
            w.WriteLine("int last = count - 1;");
            using (w.Open("for (int s = 0; s < count; s += 4)"))
            {
                w.WriteLine("// The tile's 4 rows; past the last sample they repeat it, which computes and stores its row again, unchanged.");
                w.WriteLine("nint row0 = s, row1 = global::System.Math.Min(s + 1, last), row2 = global::System.Math.Min(s + 2, last), row3 = global::System.Math.Min(s + 3, last);");
                w.WriteLine($"nint xRow0 = row0 * {product.Inputs}, xRow1 = row1 * {product.Inputs}, xRow2 = row2 * {product.Inputs}, xRow3 = row3 * {product.Inputs};");
                using (w.OpenScope())
                {
                    TileBody(w, v, product, starts.Take(2).ToArray());
                }

                w.WriteLine("// The blocks past the first two, at 128 bits only.");
                using (w.Open($"if ({BlockExists(2, units)})"))
                {
                    TileBody(w, v, product, starts.Skip(2).ToArray());
                }
            }

            if (!product.DefersActivation && ActivationCode.NeedsSecondPass(product.Activation))
            {
                w.WriteLine(ActivationCode.InPlace(product.Activation, product.NegativeSlope, $"y.Slice(0, count * {product.Units})")!);
            }
        }
    }

    /// <summary>
    /// Declares <c>block1</c>, <c>block2</c>, … for a generic pass: where each of 128 bits' blocks of <paramref name="extent"/>
    /// values (units or inputs) starts at the width the JIT compiles, every <c>TSimd.Lanes</c> and the last one ending at
    /// the last value (<see cref="VectorWidth.Blocks"/>), constants to the JIT. Returns the starts, "0" first.
    /// </summary>
    internal static string[] BlockStarts(SourceWriter w, int extent, string value)
    {
        int blocks = VectorWidth.V128.Blocks(extent).Count;
        w.WriteLine($"// Where each block of {value}s starts: every TSimd.Lanes {value}s, the last one ending at the last {value} (at 256 bits {Starts(VectorWidth.V256.Blocks(extent))}; at 128 bits {Starts(VectorWidth.V128.Blocks(extent))}).");
        w.WriteLine("nuint " + string.Join(", ", Enumerable.Range(1, blocks - 1).Select(b => $"block{b} = (nuint)global::System.Math.Min({(b == 1 ? string.Empty : $"{b} * ")}TSimd.Lanes, {extent} - TSimd.Lanes)")) + ";");
        return Enumerable.Range(0, blocks).Select(b => b == 0 ? "0" : $"block{b}").ToArray();
    }

    /// <summary>
    /// The condition, constant to the JIT, that 128 bits' block <paramref name="block"/> of <paramref name="extent"/> values
    /// exists at the width compiled (false at 256 bits for the blocks past 256 bits' last).
    /// </summary>
    internal static string BlockExists(int block, int extent) => $"{block} * TSimd.Lanes < {extent}";

    /// <summary>Block starts as a comment lists them: "0, 4 and 6".</summary>
    private static string Starts(IReadOnlyList<int> blocks) =>
        blocks.Count == 1 ? "0" : string.Join(", ", blocks.Take(blocks.Count - 1)) + " and " + blocks[blocks.Count - 1].ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The register tiles over the blocks of units (<see cref="BlockTiles"/>).</summary>
    private static void Tiles(SourceWriter w, VectorWidth v, MatrixProduct product) =>
        BlockTiles.Write(w, v.Blocks(product.Units), v.Lanes, product.BlockTile(v), "u0", starts => TileBody(w, v, product, starts));

    /// <summary>One register tile: the tile's samples × the blocks of units starting at <paramref name="starts"/>.</summary>
    private static void TileBody(SourceWriter w, VectorWidth v, MatrixProduct product, string[] starts)
    {
        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{v.Float} b{b} = {v.Type}.LoadUnsafe(ref bias0, {starts[b]});");
            w.WriteLine($"{v.Float} " + string.Join(", ", Enumerable.Range(0, product.SampleTile(v)).Select(k => $"z{k}_{b} = b{b}")) + ";");
        }

        using (w.Open($"for (int i = 0; i < {product.Inputs}; i++)"))
        {
            w.WriteLine($"nuint column = (nuint)(i * {product.Units});");
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"{v.Float} w{b} = {v.Type}.LoadUnsafe(ref kernel0, {Plus("column", starts[b])});");
            }

            for (int k = 0; k < product.SampleTile(v); k++)
            {
                w.WriteLine($"{v.Float} sample{k} = {v.Type}.Create({Unsafe}.Add(ref x0, xRow{k} + i));");
                for (int b = 0; b < starts.Length; b++)
                {
                    w.WriteLine($"z{k}_{b} = {v.MultiplyAdd}(sample{k}, w{b}, z{k}_{b});");
                }
            }
        }

        for (int k = 0; k < product.SampleTile(v); k++)
        {
            for (int b = 0; b < starts.Length; b++)
            {
                string z = $"z{k}_{b}";
                string value = product.DefersActivation ? z : ActivationCode.Vector(product.Activation, product.NegativeSlope, z, v);
                w.WriteLine($"{v.Type}.StoreUnsafe({value}, ref y0, {Plus($"(nuint)(row{k} * {product.Units})", starts[b])});");
            }
        }
    }

    /// <summary>Declares <c>ref float {name}0</c>, the first element of each span, for the unchecked vector loads and stores after the length check.</summary>
    internal static void Refs(SourceWriter w, params string[] spans)
    {
        foreach (string span in spans)
        {
            w.WriteLine($"ref float {span}0 = ref {MemoryMarshal}.GetReference({span});");
        }
    }

    /// <summary><paramref name="offset"/> plus <paramref name="start"/>, leaving out a start of 0.</summary>
    internal static string Plus(string offset, string start) => start == "0" ? offset : $"{offset} + {start}";

    /// <summary><paramref name="offset"/> plus the constant <paramref name="start"/>, leaving out a start of 0.</summary>
    internal static string Plus(string offset, int start) => start == 0 ? offset : $"{offset} + {start}";

    /// <summary>
    /// Each unit's sums over a vector of samples in lanes, for <see cref="Narrow"/>: <c>z{j}</c> starts at its bias
    /// broadcast, and for each input <c>i</c> the vector <paramref name="input"/> (the samples' input i, a column gathered
    /// from rows) times the weight broadcast is added, in input order.
    /// </summary>
    private static void UnitsInLanes(SourceWriter w, VectorWidth v, MatrixProduct product, string input)
    {
        for (int j = 0; j < product.Units; j++)
        {
            w.WriteLine($"{v.Float} z{j} = {v.Type}.Create({Unsafe}.Add(ref bias0, {j}));");
        }

        using (w.Open($"for (int i = 0; i < {product.Inputs}; i++)"))
        {
            w.WriteLine($"{v.Float} xi = {input};");
            w.WriteLine($"nint row = (nint)i * {product.Units};");
            for (int j = 0; j < product.Units; j++)
            {
                w.WriteLine($"z{j} = {v.MultiplyAdd}(xi, {v.Type}.Create({Unsafe}.Add(ref kernel0, row + {j})), z{j});");
            }
        }
    }

    /// <summary>
    /// Layers of fewer units than a vector has lanes (a classifier's output layer): as many samples at a time as there are
    /// lanes, one vector per unit, an input column gathered from that many rows and each weight broadcast, so the
    /// multiply-adds are vector ones although the units would fill less than one vector. The samples left over go one at
    /// a time, with the same multiply-adds in the same order. Written generic over the width (<see cref="MatrixProduct.SharedNarrowForward"/>),
    /// the column is gathered and the outputs stored by <c>TSimd.LoadColumn</c> and <c>StoreColumn</c>, and the activation
    /// is applied to the vector.
    /// </summary>
    private static void Narrow(SourceWriter w, VectorWidth v, MatrixProduct product)
    {
        string Activate(string z) => product.DefersActivation ? z : ActivationCode.Scalar(product.Activation, product.NegativeSlope, z);
        bool generic = v == VectorWidth.Generic;
        string lanes = generic ? "TSimd.Lanes" : v.Lanes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteLine("int s = 0;");
        using (w.Open($"for (; s + {lanes} <= count; s += {lanes})"))
        {
            w.WriteLine($"nint xRow = (nint)s * {product.Inputs};");
            w.WriteLine($"nint yRow = (nint)s * {product.Units};");
            if (generic)
            {
                // The vector's samples are rows Inputs apart; the outputs, rows Units apart.
                UnitsInLanes(w, v, product, $"{v.Type}.LoadColumn(ref {Unsafe}.Add(ref x0, xRow + i), {product.Inputs})");
                for (int j = 0; j < product.Units; j++)
                {
                    string z = product.DefersActivation ? $"z{j}" : ActivationCode.Vector(product.Activation, product.NegativeSlope, $"z{j}", v);
                    w.WriteLine($"{v.Type}.StoreColumn({z}, ref {Unsafe}.Add(ref y0, yRow + {j}), {product.Units});");
                }
            }
            else
            {
                string column = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(k => $"{Unsafe}.Add(ref x0, xRow + {k * product.Inputs} + i)"));
                UnitsInLanes(w, v, product, $"{v.Type}.Create({column})");
                for (int k = 0; k < v.Lanes; k++)
                {
                    for (int j = 0; j < product.Units; j++)
                    {
                        w.WriteLine($"{Unsafe}.Add(ref y0, yRow + {k * product.Units + j}) = {Activate($"{v.Type}.GetElement(z{j}, {k})")};");
                    }
                }
            }
        }

        using (w.Open("for (; s < count; s++)"))
        {
            w.WriteLine($"nint xRow = (nint)s * {product.Inputs};");
            w.WriteLine($"nint yRow = (nint)s * {product.Units};");
            for (int j = 0; j < product.Units; j++)
            {
                w.WriteLine($"float z{j} = {Unsafe}.Add(ref bias0, {j});");
            }

            using (w.Open($"for (int i = 0; i < {product.Inputs}; i++)"))
            {
                w.WriteLine($"float xi = {Unsafe}.Add(ref x0, xRow + i);");
                w.WriteLine($"nint row = (nint)i * {product.Units};");
                for (int j = 0; j < product.Units; j++)
                {
                    w.WriteLine($"z{j} = {Fma}(xi, {Unsafe}.Add(ref kernel0, row + {j}), z{j});");
                }
            }

            for (int j = 0; j < product.Units; j++)
            {
                w.WriteLine($"{Unsafe}.Add(ref y0, yRow + {j}) = {Activate("z" + j)};");
            }
        }
    }
}
