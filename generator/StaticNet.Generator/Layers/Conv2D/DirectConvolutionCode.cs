using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.MatrixProducts.MatrixProductForwardCode;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// <c>{Prefix}ForwardDirect</c> and <c>{Prefix}BackwardDirect</c>: a convolution of a one-channel image (a grayscale
/// picture, a signal) computed from the image itself, with no patches gathered. The image is first spread over the
/// filters' lanes (<c>expanded[i·F + f] = x[i]</c>); an output row, channels last (pixel by pixel, F filters each), then
/// lines up float for float with a run of the spread image for every tap, so a vector of the row is one load times one
/// vector of the tap's weights (lane <c>l</c> of a vector starting <c>o</c> floats into the row is filter
/// <c>(o + l) mod F</c>, which repeats every lcm(lanes, F) floats: a tap's weights are a few vectors, its phases). The
/// forward pass keeps a block of a row's vectors (two rows where they can share every load) in registers over all
/// taps and stores them as they are; the backward pass sums each tap's loads times dL/dz, which is laid out as the
/// outputs are, a vector per phase. At 256 bits, where 16 registers cannot hold a kernel column's weights, the forward
/// pass rather puts 8 pixels of one filter in a vector (each image load then feeds every filter) and turns its runs
/// channels last as it stores them, by AVX's 8 × 8 transposition (the first form of this class did that with a scalar
/// store per value, which cost more than the loads it saved). im2col gathered 25 values per pixel and then ran a
/// product whose 6 filters filled less than a vector.
/// <see cref="DirectConvolutionPlanner"/> makes every decision; the 256-bit method (which callers name) hands an
/// AVX-512 machine to the 512-bit one, a machine without 256-bit SIMD to the 128-bit twin (a default Native AOT build),
/// and one without SIMD to a scalar loop.
/// </summary>
internal static class DirectConvolutionCode
{
    /// <summary>The order the methods are written in: the one callers name first.</summary>
    private static readonly VectorWidth[] Widths = { VectorWidth.V256, VectorWidth.V512, VectorWidth.V128 };

    private static string Suffix(VectorWidth v) => v == VectorWidth.V256 ? string.Empty : v.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ForwardMethod(Conv2DLayer conv) => conv.Prefix + "ForwardDirect";

    public static string BackwardMethod(Conv2DLayer conv) => conv.Prefix + "BackwardDirect";

    public static void WriteForward(SourceWriter w, Conv2DLayer conv, DirectConvolutionPlan plan, bool defersActivation) =>
        EachWidth(w, plan, d => WriteForward(w, conv, plan, d, defersActivation));

    /// <summary>Writes a method per width with <paramref name="write"/>, the one callers name first, a blank line between.</summary>
    private static void EachWidth(SourceWriter w, DirectConvolutionPlan plan, System.Action<DirectWidthPlan> write)
    {
        for (int i = 0; i < Widths.Length; i++)
        {
            if (i > 0)
            {
                w.WriteLine();
            }

            write(plan.At(Widths[i]));
        }
    }

    private static void WriteForward(SourceWriter w, Conv2DLayer conv, DirectConvolutionPlan plan, DirectWidthPlan d, bool defersActivation)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int filters = conv.Filters, taps = g.WindowHeight * g.WindowWidth;
        Activation activation = defersActivation ? Activation.Linear : conv.Function.Function;
        float slope = conv.Function.NegativeSlope;
        string applies = defersActivation ? "the logits x∗W + b" : $"{ActivationCode.Describe(activation, slope)}(x∗W + b)";
        string args = "kernel, bias, x, y, expanded, count";
        string how = d.PixelsInLanes ? "8 pixels of a filter a vector" : "spread over the filters' lanes";
        w.WriteLine($"/// <summary>{conv.Name} forward for <paramref name=\"count\"/> images, straight from the image (one channel) {how}, {v.Bits}-bit: writes {applies}.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {ForwardMethod(conv)}{Suffix(v)}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, {Span} expanded, int count)"))
        {
            w.WriteLine($"if (kernel.Length != {taps * filters} || bias.Length != {filters} || expanded.Length != {plan.ExpandedSize} || (uint)count > (uint)(x.Length / {conv.Input.Size}) || count > y.Length / {conv.Output.Size}) {ShapeGuard}.ThrowLayerShape(\"{conv.Name}\");");
            Refs(w, "kernel", "bias", "x", "y", "expanded");
            if (v == VectorWidth.V256)
            {
                DispatchWide(w, $"{ForwardMethod(conv)}512({args});");
                HandOver(w, $"{ForwardMethod(conv)}128({args});", "the same sums, one output at a time", () => ScalarLoops(w, conv, () =>
                {
                    w.WriteLine($"float z = {Unsafe}.Add(ref bias0, f);");
                    EachTap(w, g, () => w.WriteLine($"z = {Fma}({Unsafe}.Add(ref x0, at + offset), {Unsafe}.Add(ref kernel0, tap * {filters} + f), z);"));
                    w.WriteLine($"{Unsafe}.Add(ref y0, to + f) = {ActivationCode.Scalar(activation, slope, "z")};");
                }));
            }

            string activate(string z) => ActivationCode.Vector(activation, slope, z, v);
            if (d.PixelsInLanes)
            {
                PixelsForward(w, conv, d, activate);
            }
            else
            {
                SpreadForward(w, conv, d, activate);
            }

            if (ActivationCode.NeedsSecondPass(activation))
            {
                w.WriteLine(ActivationCode.InPlace(activation, slope, $"y.Slice(0, count * {conv.Output.Size})", precise: v == VectorWidth.V128)!);
            }
        }
    }

    /// <summary>
    /// The forward pass with pixels in lanes (<see cref="DirectWidthPlan.PixelUnits"/>): the output's runs of 8 pixels of
    /// a row (the last run of a row ending at its end, overlapping the one before it), numbered row by row, go
    /// <see cref="DirectWidthPlan.PixelUnits"/> at a time (the last group ending at the last run); each filter's sums
    /// are a vector from the bias, each tap an image vector a run times the tap's weight broadcast, in the scalar
    /// path's order. Stored in run order, channels last, each store may run past its run into the next one's, which is
    /// stored after it: only the image's last run is stored exactly.
    /// </summary>
    private static void PixelsForward(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, System.Func<string, string> activate)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int lanes = v.Lanes, filters = conv.Filters, units = d.PixelUnits;
        int runs = d.Runs(g.OutputWidth), all = g.OutputHeight * runs, groups = (all + units - 1) / units;
        w.WriteLine($"// {all} runs of {lanes} pixels ({g.OutputHeight} rows of {runs}), {units} at a time: a vector per filter and run, every image load feeding each filter, every weight each run.");
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            w.WriteLine($"nint first = (nint)s * {conv.Input.Size}, output = (nint)s * {conv.Output.Size};");
            using (w.Open($"for (int group = 0; group < {groups}; group++)"))
            {
                w.WriteLine(all % units == 0 ? $"int unit = group * {units};" : $"int unit = global::System.Math.Min(group * {units}, {all - units});");
                for (int k = 0; k < units; k++)
                {
                    string unit = k == 0 ? "unit" : $"(unit + {k})";
                    w.WriteLine($"int row{k} = {unit} / {runs}, column{k} = {RunStart(d, g.OutputWidth, $"({unit} - row{k} * {runs})")};");
                    w.WriteLine($"nint at{k} = first + (nint)row{k} * {g.StrideHeight * g.Width} + column{k}, to{k} = output + ((nint)row{k} * {g.OutputWidth} + column{k}) * {filters};");
                }

                for (int f = 0; f < filters; f++)
                {
                    w.WriteLine($"{v.Float} z0_{f} = {v.Type}.Create({Unsafe}.Add(ref bias0, {f}));");
                    for (int k = 1; k < units; k++)
                    {
                        w.WriteLine($"{v.Float} z{k}_{f} = z0_{f};");
                    }
                }

                EachTap(w, g, () =>
                {
                    w.WriteLine($"nint weights = (nint)tap * {filters};");
                    for (int k = 0; k < units; k++)
                    {
                        w.WriteLine($"{v.Float} pixels{k} = {v.Type}.LoadUnsafe(ref x0, (nuint)(at{k} + offset));");
                    }

                    for (int f = 0; f < filters; f++)
                    {
                        w.WriteLine($"{v.Float} w{f} = {v.Type}.Create({Unsafe}.Add(ref kernel0, {Plus("weights", f)}));");
                        for (int k = 0; k < units; k++)
                        {
                            w.WriteLine($"z{k}_{f} = {v.MultiplyAdd}(pixels{k}, w{f}, z{k}_{f});");
                        }
                    }
                });

                for (int k = 0; k < units; k++)
                {
                    for (int f = 0; f < filters; f++)
                    {
                        string z = $"z{k}_{f}";
                        if (activate(z) != z)
                        {
                            w.WriteLine($"{z} = {activate(z)};");
                        }
                    }
                }

                w.WriteLine($"// Channels last, run by run: each store may reach into the next run's, stored after it; the image's last run is stored exactly.");
                for (int k = 0; k < units; k++)
                {
                    string exact = k == units - 1 ? $"group == {groups - 1}" : "false";
                    string values = string.Join(", ", Enumerable.Range(0, 8).Select(f => f < filters ? $"z{k}_{f}" : $"{v.Float}.Zero"));
                    w.WriteLine($"{ChannelsLast}.StorePixels(ref {Unsafe}.Add(ref y0, to{k}), {filters}, {exact}, {values});");
                }
            }
        }
    }

    /// <summary>The forward pass over the image spread over the filters' lanes: a block of output rows' vectors at a time, or by kernel column.</summary>
    private static void SpreadForward(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, System.Func<string, string> activate)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int filters = conv.Filters, taps = g.WindowHeight * g.WindowWidth;
        int spread = d.SpreadFloats;
        w.WriteLine($"// The kernel and the bias spread over each phase's lanes: spread[(tap·{d.Phases} + phase)·{v.Lanes} + l] = W[tap, (phase·{v.Lanes} + l) mod {filters}], the bias after the taps.");
        w.WriteLine($"{Span} spread = stackalloc float[{(taps + 1) * spread}];");
        w.WriteLine($"ref float spread0 = ref {MemoryMarshal}.GetReference(spread);");
        // A run of the filters' values per F lanes (no remainder per lane: it cost a division a float, about a tenth of the pass for 4 images).
        using (w.Open($"for (int tap = 0; tap < {taps}; tap++)"))
        {
            using (w.Open($"for (int l = 0; l < {spread}; l += {filters})"))
            {
                using (w.Open($"for (int f = 0; f < {filters}; f++)"))
                {
                    w.WriteLine($"{Unsafe}.Add(ref spread0, tap * {spread} + l + f) = {Unsafe}.Add(ref kernel0, tap * {filters} + f);");
                }
            }
        }

        using (w.Open($"for (int l = 0; l < {spread}; l += {filters})"))
        {
            using (w.Open($"for (int f = 0; f < {filters}; f++)"))
            {
                w.WriteLine($"{Unsafe}.Add(ref spread0, {taps * spread} + l + f) = {Unsafe}.Add(ref bias0, f);");
            }
        }

        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            Expand(w, conv, v);
            w.WriteLine($"nint output = (nint)s * {conv.Output.Size};");
            if (d.ForwardRows > 0)
            {
                int rows = d.ForwardRows, whole = g.OutputHeight / rows * rows;
                w.WriteLine($"// {rows} output rows at a time, a kernel column at a time: row oh + r's kernel row kh reads the image row that row oh's kernel row kh + r reads, so each load feeds every pair that reads it.");
                using (w.Open($"for (int oh = 0; oh < {whole}; oh += {rows})"))
                {
                    ColumnRows(w, conv, d, rows, activate);
                }

                if (whole < g.OutputHeight)
                {
                    using (w.Open(g.OutputHeight - whole == 1 ? "// The last row" : $"// The last {g.OutputHeight - whole} rows"))
                    {
                        w.WriteLine($"int oh = {whole};");
                        ColumnRows(w, conv, d, g.OutputHeight - whole, activate);
                    }
                }
            }
            else if (d.PairsRows)
            {
                w.WriteLine("// Two output rows at a time: row oh + 1's tap row kh reads the image row that row oh's tap row kh + 1 reads, so each load feeds both.");
                using (w.Open($"for (int oh = 0; oh + 2 <= {g.OutputHeight}; oh += 2)"))
                {
                    Row(w, conv, d, rows: 2, activate);
                }

                if (g.OutputHeight % 2 != 0)
                {
                    using (w.Open("// The last row alone"))
                    {
                        w.WriteLine($"int oh = {g.OutputHeight - 1};");
                        Row(w, conv, d, rows: 1, activate);
                    }
                }
            }
            else
            {
                using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
                {
                    Row(w, conv, d, rows: 1, activate);
                }
            }
        }
    }

    /// <summary>
    /// Output rows <c>oh</c> to <c>oh + rows − 1</c> of image <c>s</c> by kernel column (<see cref="DirectWidthPlan.ForwardRows"/>):
    /// a spread of the filters of each row at a time, every kernel column's weights loaded once for the rows.
    /// </summary>
    private static void ColumnRows(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, int rows, System.Func<string, string> activate)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int lanes = v.Lanes, spread = d.SpreadFloats, taps = g.WindowHeight * g.WindowWidth, imageRow = g.Dilation * g.Width * conv.Filters;
        w.WriteLine($"nint image = (nint)oh * {g.StrideHeight * g.Width * conv.Filters};");
        w.WriteLine($"nint to = output + (nint)oh * {d.RowFloats};");
        using (w.Open($"for (nint c = 0; c < {d.RowFloats}; c += {spread})"))
        {
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < d.Phases; j++)
                {
                    w.WriteLine($"{v.Float} z{r}_{j} = {v.Type}.LoadUnsafe(ref spread0, {taps * spread + j * lanes});");
                }
            }

            using (w.Open($"for (int kw = 0; kw < {g.WindowWidth}; kw++)"))
            {
                for (int kh = 0; kh < g.WindowHeight; kh++)
                {
                    for (int j = 0; j < d.Phases; j++)
                    {
                        w.WriteLine($"{v.Float} w{kh}_{j} = {v.Type}.LoadUnsafe(ref spread0, (nuint)({Plus($"({kh * g.WindowWidth} + kw) * {spread}", j * lanes)}));");
                    }
                }

                w.WriteLine($"nuint at = (nuint)(image + c + (nint)kw * {g.Dilation * conv.Filters});");
                for (int i = 0; i < rows + g.WindowHeight - 1; i++)
                {
                    for (int j = 0; j < d.Phases; j++)
                    {
                        w.WriteLine($"{v.Float} e{i}_{j} = {v.Type}.LoadUnsafe(ref expanded0, {Plus("at", i * imageRow + j * lanes)});");
                        for (int r = System.Math.Max(0, i - g.WindowHeight + 1); r <= System.Math.Min(rows - 1, i); r++)
                        {
                            w.WriteLine($"z{r}_{j} = {v.MultiplyAdd}(e{i}_{j}, w{i - r}_{j}, z{r}_{j});");
                        }
                    }
                }
            }

            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < d.Phases; j++)
                {
                    w.WriteLine($"{v.Type}.StoreUnsafe({activate($"z{r}_{j}")}, ref y0, (nuint)({Plus("to + c", r * d.RowFloats + j * lanes)}));");
                }
            }
        }
    }

    /// <summary>
    /// Output row <c>oh</c> (and <c>oh + 1</c> for two rows) of image <c>s</c>: whole blocks of vectors in a loop, then what
    /// is left, ending with a vector that ends at the row's end (overlapping the one before it: its shared outputs are
    /// computed twice, identically).
    /// </summary>
    private static void Row(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, int rows, System.Func<string, string> activate)
    {
        Window2DGeometry g = conv.Window;
        int lanes = d.Width.Lanes, rowFloats = d.RowFloats;
        w.WriteLine($"nint image = (nint)oh * {g.StrideHeight * g.Width * conv.Filters};");
        w.WriteLine($"nint to = output + (nint)oh * {rowFloats};");
        // One block is written out with its offsets as constants; more go round a loop.
        int groups = d.WholeVectors / d.Block;
        var whole = Enumerable.Range(0, d.Block).Select(i => (Offset: i * lanes, Phase: i % d.Phases)).ToList();
        if (groups == 1)
        {
            using (w.OpenScope())
            {
                Block(w, conv, d, rows, null, whole, activate);
            }
        }
        else if (groups > 1)
        {
            using (w.Open($"for (nint c = 0; c < {groups * d.Block * lanes}; c += {d.Block * lanes})"))
            {
                Block(w, conv, d, rows, "c", whole, activate);
            }
        }

        var rest = Enumerable.Range(groups * d.Block, d.WholeVectors - groups * d.Block).Select(i => (Offset: i * lanes, Phase: i % d.Phases)).ToList();
        if (rowFloats % lanes != 0)
        {
            rest.Add((rowFloats - lanes, d.Phases - 1));
        }

        if (rest.Count > 0)
        {
            using (w.OpenScope())
            {
                Block(w, conv, d, rows, null, rest, activate);
            }
        }
    }

    /// <summary>
    /// One block of an output row's vectors at <paramref name="vectors"/>' offsets (from <paramref name="start"/>, a
    /// loop variable, where given), each with its phase: every tap's loads and multiply-adds, then the stores.
    /// </summary>
    private static void Block(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, int rows, string? start, IReadOnlyList<(int Offset, int Phase)> vectors, System.Func<string, string> activate)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int taps = g.WindowHeight * g.WindowWidth, spread = d.SpreadFloats;
        string[] row = { "a", "b" };
        var phases = vectors.Select(x => x.Phase).Distinct().OrderBy(x => x).ToList();
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < vectors.Count; i++)
            {
                w.WriteLine($"{v.Float} {row[r]}{i} = {v.Type}.LoadUnsafe(ref spread0, {taps * spread + vectors[i].Phase * v.Lanes});");
            }
        }

        string at = start is null ? "image" : $"image + {start}";
        void Taps(string inputRow, string? tapA, string? tapB)
        {
            using (w.Open($"for (int kw = 0; kw < {g.WindowWidth}; kw++)"))
            {
                string down = inputRow == "0" ? string.Empty : $" + (nint){inputRow} * {g.Dilation * g.Width * conv.Filters}";
                w.WriteLine($"nuint at = (nuint)({at}{down} + (nint)kw * {g.Dilation * conv.Filters});");
                foreach ((string name, string? tap) in new[] { ("a", tapA), ("b", tapB) })
                {
                    if (tap is null)
                    {
                        continue;
                    }

                    w.WriteLine($"nuint {name}Weights = (nuint)(({(tap == "0" ? "kw" : $"{tap} * {g.WindowWidth} + kw")}) * {spread});");
                    foreach (int phase in phases)
                    {
                        w.WriteLine($"{v.Float} {name}W{phase} = {v.Type}.LoadUnsafe(ref spread0, {Plus($"{name}Weights", phase * v.Lanes)});");
                    }
                }

                for (int i = 0; i < vectors.Count; i++)
                {
                    w.WriteLine($"{v.Float} e{i} = {v.Type}.LoadUnsafe(ref expanded0, {Plus("at", vectors[i].Offset)});");
                    if (tapA is not null)
                    {
                        w.WriteLine($"a{i} = {v.MultiplyAdd}(e{i}, aW{vectors[i].Phase}, a{i});");
                    }

                    if (tapB is not null)
                    {
                        w.WriteLine($"b{i} = {v.MultiplyAdd}(e{i}, bW{vectors[i].Phase}, b{i});");
                    }
                }
            }
        }

        if (rows == 2)
        {
            using (w.Open("// Image row 0 of the windows: the first row's tap row 0"))
            {
                Taps("0", "0", null);
            }

            using (w.Open($"for (int r = 1; r < {g.WindowHeight}; r++)"))
            {
                Taps("r", "r", "(r - 1)");
            }

            using (w.Open($"// Image row {g.WindowHeight}: the second row's last tap row"))
            {
                Taps(g.WindowHeight.ToString(System.Globalization.CultureInfo.InvariantCulture), null, (g.WindowHeight - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        else
        {
            using (w.Open($"for (int kh = 0; kh < {g.WindowHeight}; kh++)"))
            {
                Taps("kh", "kh", null);
            }
        }

        for (int r = 0; r < rows; r++)
        {
            string to = start is null ? "to" : "to + c";
            if (r == 1)
            {
                to += $" + {d.RowFloats}";
            }

            for (int i = 0; i < vectors.Count; i++)
            {
                w.WriteLine($"{v.Type}.StoreUnsafe({activate($"{row[r]}{i}")}, ref y0, (nuint)({Plus(to, vectors[i].Offset)}));");
            }
        }
    }

    /// <summary>
    /// Image <c>s</c> spread over the filters' lanes into <c>expanded</c>: each vector of pixels shuffled into F vectors,
    /// pixel p's value repeated in lanes p·F to p·F + F − 1.
    /// </summary>
    private static void Expand(SourceWriter w, Conv2DLayer conv, VectorWidth v)
    {
        Window2DGeometry g = conv.Window;
        int pixels = g.Height * g.Width, filters = conv.Filters, lanes = v.Lanes;
        w.WriteLine($"// Image s spread over the filters' lanes: expanded[i·{filters} + f] = x[i]");
        w.WriteLine($"nint first = (nint)s * {conv.Input.Size};");
        w.WriteLine("nint i = 0;");
        if (pixels >= lanes)
        {
            using (w.Open($"for (; i + {lanes} <= {pixels}; i += {lanes})"))
            {
                w.WriteLine($"{v.Float} values = {v.Type}.LoadUnsafe(ref x0, (nuint)(first + i));");
                w.WriteLine($"nuint at = (nuint)(i * {filters});");
                for (int j = 0; j < filters; j++)
                {
                    string indices = string.Join(", ", Enumerable.Range(0, lanes).Select(l => (j * lanes + l) / filters));
                    w.WriteLine($"{v.Type}.StoreUnsafe({v.Type}.Shuffle(values, {v.Type}.Create({indices})), ref expanded0, {Plus("at", j * lanes)});");
                }
            }
        }

        if (pixels % lanes != 0)
        {
            using (w.Open($"for (; i < {pixels}; i++)"))
            {
                w.WriteLine($"float value = {Unsafe}.Add(ref x0, first + i);");
                using (w.Open($"for (int f = 0; f < {filters}; f++)"))
                {
                    w.WriteLine($"{Unsafe}.Add(ref expanded0, i * {filters} + f) = value;");
                }
            }
        }
    }

    public static void WriteBackward(SourceWriter w, Conv2DLayer conv, DirectConvolutionPlan plan, bool throughActivation) =>
        EachWidth(w, plan, d => WriteBackward(w, conv, plan, d, throughActivation));

    /// <summary>The backward method at one width, handing over as the forward one does.</summary>
    private static void WriteBackward(SourceWriter w, Conv2DLayer conv, DirectConvolutionPlan plan, DirectWidthPlan d, bool throughActivation)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int filters = conv.Filters, taps = g.WindowHeight * g.WindowWidth, lanes = v.Lanes, spread = d.SpreadFloats;
        int rowFloats = d.RowFloats, padded = d.PaddedRow, spreadImage = g.Height * g.Width * filters;

        // The partial sums' taps: by kernel column, the kernel rows round up to whole groups (the extra taps' sums are dropped).
        // With pixels in lanes, 8 lanes per tap and filter.
        int sumTaps = d.GroupedKernelRows(g.WindowHeight) * g.WindowWidth, biasAt = d.PixelSums ? taps * filters * lanes : sumTaps * spread;
        int blockedRows = d.BlockedRows(g.OutputHeight);
        Activation activation = throughActivation ? conv.Function.Function : Activation.Linear;
        float slope = conv.Function.NegativeSlope;
        string args = "x, y, gradient, kernelGradient, biasGradient, expanded, gradientRows, count";
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {conv.Name} backward for <paramref name=\"count\"/> images, straight from the image, {v.Bits}-bit: from dL/dy (rows of <paramref name=\"gradient\"/>), carried through {ActivationCode.Describe(activation, slope)}′,");
        w.WriteLine($"/// adds dL/dW and dL/db into <paramref name=\"kernelGradient\"/> and <paramref name=\"biasGradient\"/>. No input gradient: nothing before the layer learns.");
        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {BackwardMethod(conv)}{Suffix(v)}({ReadOnlySpan} x, {ReadOnlySpan} y, {ReadOnlySpan} gradient, {Span} kernelGradient, {Span} biasGradient, {Span} expanded, {Span} gradientRows, int count)"))
        {
            w.WriteLine($"if (kernelGradient.Length != {taps * filters} || biasGradient.Length != {filters} || expanded.Length != {plan.ExpandedSize} || gradientRows.Length != {plan.GradientRowsSize} || (uint)count > (uint)(x.Length / {conv.Input.Size}) || count > y.Length / {conv.Output.Size} || count > gradient.Length / {conv.Output.Size}) {ShapeGuard}.ThrowLayerShape(\"{conv.Name}\");");
            Refs(w, "x", "y", "gradient", "kernelGradient", "biasGradient", "expanded", "gradientRows");
            if (v == VectorWidth.V256)
            {
                DispatchWide(w, $"{BackwardMethod(conv)}512({args});");
                HandOver(w, $"{BackwardMethod(conv)}128({args});", "output by output", () => ScalarLoops(w, conv, () =>
                {
                    w.WriteLine($"float dz = {ActivationCode.ScalarDerivative(activation, slope, $"{Unsafe}.Add(ref gradient0, to + f)", $"{Unsafe}.Add(ref y0, to + f)")};");
                    w.WriteLine($"{Unsafe}.Add(ref biasGradient0, f) += dz;");
                    EachTap(w, g, () => w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, tap * {filters} + f) = {Fma}({Unsafe}.Add(ref x0, at + offset), dz, {Unsafe}.Add(ref kernelGradient0, tap * {filters} + f));"));
                }));
            }

            w.WriteLine(d.PixelSums
                ? "// Partial sums over every image, by tap and filter a vector of pixels (then the bias by phase); added up at the end."
                : "// Partial sums over every image, by tap and phase (then the bias by phase), as the weights are spread in the forward pass; added up at the end.");
            w.WriteLine($"{Span} sums = stackalloc float[{biasAt + spread}];");
            w.WriteLine("sums.Clear();");
            w.WriteLine($"ref float sums0 = ref {MemoryMarshal}.GetReference(sums);");
            if (plan.ExpandedSize > spreadImage)
            {
                w.WriteLine("// What the padded rows read past the spread image's last row: zeros, times their zero dL/dz.");
                w.WriteLine($"expanded.Slice({spreadImage}).Clear();");
            }

            if (blockedRows > g.OutputHeight)
            {
                w.WriteLine($"// dL/dz's rows that round the last block of {d.RowBlock} up: zeros.");
                w.WriteLine($"gradientRows.Slice({g.OutputHeight * padded}, {(blockedRows - g.OutputHeight) * padded}).Clear();");
            }

            using (w.Open("for (int s = 0; s < count; s++)"))
            {
                if (!d.PixelSums)
                {
                    Expand(w, conv, v);
                }

                GradientRowsWithBias(w, conv, d, activation, slope, biasAt);
                if (d.PixelSums)
                {
                    PixelTapSums(w, conv, d);
                }
                else if (d.ByColumn)
                {
                    ColumnSums(w, conv, d);
                }
                else
                {
                    TapGroups(w, conv, d);
                }
            }

            if (d.PixelSums)
            {
                w.WriteLine("// The partial sums added up, each tap's and filter's pixels in lane order, then into its gradient");
                using (w.Open($"for (int k = 0; k < {taps * filters}; k++)"))
                {
                    w.WriteLine($"float sum = {Unsafe}.Add(ref sums0, k * {lanes});");
                    using (w.Open($"for (int l = 1; l < {lanes}; l++)"))
                    {
                        w.WriteLine($"sum += {Unsafe}.Add(ref sums0, k * {lanes} + l);");
                    }

                    w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, k) += sum;");
                }
            }
            else
            {
                // Lane l of a tap's partial sums is filter l mod F: each filter's lanes summed in a register, then added in
                // once (adding every lane into the gradient in turn made chains of stores and loads to the same few floats).
                w.WriteLine("// The partial sums added up, each filter's lanes, then into its gradient");
                using (w.Open($"for (int tap = 0; tap < {taps}; tap++)"))
                {
                    FilterSums(w, filters, spread, $"tap * {spread}", $"tap * {filters} + f", "kernelGradient0");
                }
            }

            using (w.OpenScope())
            {
                FilterSums(w, filters, spread, biasAt.ToString(System.Globalization.CultureInfo.InvariantCulture), "f", "biasGradient0");
            }
        }
    }

    /// <summary>
    /// dL/dz laid out as the outputs are, each row padded with zeros to whole spreads of the filters, with dL/db summed by
    /// phase as each vector is written rather than read back in a pass of its own (the same sums in the same order): whole
    /// spreads in a loop, then the row's last spread, its vectors written out (the one the row ends inside value by value).
    /// </summary>
    private static void GradientRowsWithBias(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, Activation activation, float slope, int biasAt)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int lanes = v.Lanes, spread = d.SpreadFloats, rowFloats = d.RowFloats, whole = rowFloats / spread * spread;
        w.WriteLine($"// dL/dz = dL/dy ⊙ {ActivationCode.Describe(activation, slope)}′, laid out as the outputs are{(whole < rowFloats ? $", each row padded with zeros to {d.PaddedRow} floats" : string.Empty)}, and dL/db by phase");
        using (w.OpenScope())
        {
            for (int j = 0; j < d.Phases; j++)
            {
                w.WriteLine($"{v.Float} b{j} = {v.Type}.LoadUnsafe(ref sums0, {biasAt + j * lanes});");
            }

            void Vector(string at, int j)
            {
                w.WriteLine($"{v.Float} g{j} = {v.Type}.LoadUnsafe(ref gradient0, (nuint)({Plus($"from + {at}", j * lanes)}));");
                w.WriteLine($"{v.Float} a{j} = {v.Type}.LoadUnsafe(ref y0, (nuint)({Plus($"from + {at}", j * lanes)}));");
                w.WriteLine($"{v.Float} dz{j} = {ActivationCode.VectorDerivative(activation, slope, $"g{j}", $"a{j}", v)};");
                w.WriteLine($"{v.Type}.StoreUnsafe(dz{j}, ref gradientRows0, (nuint)({Plus($"to + {at}", j * lanes)}));");
                w.WriteLine($"b{j} += dz{j};");
            }

            using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
            {
                w.WriteLine($"nint from = ((nint)s * {g.OutputHeight} + oh) * {rowFloats};");
                w.WriteLine($"nint to = (nint)oh * {d.PaddedRow};");
                if (whole > 0)
                {
                    using (w.Open($"for (nint k = 0; k < {whole}; k += {spread})"))
                    {
                        for (int j = 0; j < d.Phases; j++)
                        {
                            Vector("k", j);
                        }
                    }
                }

                for (int j = 0; whole < rowFloats && j < d.Phases; j++)
                {
                    int at = whole + j * lanes;
                    if (at + lanes <= rowFloats)
                    {
                        using (w.OpenScope())
                        {
                            Vector(whole.ToString(System.Globalization.CultureInfo.InvariantCulture), j);
                        }

                        continue;
                    }

                    using (w.Open($"for (nint q = {at}; q < {at + lanes}; q++)"))
                    {
                        string dz = ActivationCode.ScalarDerivative(activation, slope, $"{Unsafe}.Add(ref gradient0, from + q)", $"{Unsafe}.Add(ref y0, from + q)");
                        w.WriteLine($"{Unsafe}.Add(ref gradientRows0, to + q) = q < {rowFloats} ? {dz} : 0f;");
                    }

                    w.WriteLine($"b{j} += {v.Type}.LoadUnsafe(ref gradientRows0, (nuint)(to + {at}));");
                }
            }

            for (int j = 0; j < d.Phases; j++)
            {
                w.WriteLine($"{v.Type}.StoreUnsafe(b{j}, ref sums0, {biasAt + j * lanes});");
            }
        }
    }

    /// <summary>
    /// Adds one tap's (or the bias's) partial sums, <paramref name="spread"/> floats from <paramref name="from"/>, into
    /// the gradient: filter <c>f</c>'s lanes are <c>f</c>, <c>f + F</c>, …
    /// </summary>
    private static void FilterSums(SourceWriter w, int filters, int spread, string from, string to, string gradient)
    {
        using (w.Open($"for (int f = 0; f < {filters}; f++)"))
        {
            w.WriteLine($"float sum = {Unsafe}.Add(ref sums0, {from} + f);");
            using (w.Open($"for (int l = {filters}; l < {spread}; l += {filters})"))
            {
                w.WriteLine($"sum += {Unsafe}.Add(ref sums0, {from} + l + f);");
            }

            w.WriteLine($"{Unsafe}.Add(ref {gradient}, {to}) += sum;");
        }
    }

    /// <summary>
    /// The kernel gradient's partial sums over image <c>s</c> with pixels in lanes (<see cref="DirectWidthPlan.PixelTaps"/>):
    /// dL/dz (rows laid out as the outputs are) turned into a plane per filter of runs of 8 pixels in <c>expanded</c>, then
    /// register tiles of taps × filters, each a vector of 8 pixels' sums carried from image to image in <c>sums</c>: per
    /// run, each filter's dL/dz vector and each tap's image vector loaded once. An overlapping last run's shared lanes
    /// are 0 in the planes, so every pixel counts once.
    /// </summary>
    private static void PixelTapSums(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int lanes = v.Lanes, filters = conv.Filters, taps = g.WindowHeight * g.WindowWidth;
        int runs = d.Runs(g.OutputWidth), all = g.OutputHeight * runs, planeSize = d.PlaneFloats(g.OutputHeight, g.OutputWidth);
        int taps0 = taps - taps % d.PixelTaps, filters0 = filters - filters % d.PixelFilters;
        w.WriteLine($"// dL/dW: dL/dz as a plane per filter of {all} runs of {lanes} pixels, then tiles of {d.PixelTaps} taps × {d.PixelFilters} filters over the runs");
        w.WriteLine($"{ChannelsLast}.ToPlanes(gradientRows, {d.PaddedRow}, {g.OutputHeight}, {g.OutputWidth}, {filters}, expanded);");
        w.WriteLine($"nint first = (nint)s * {conv.Input.Size};");

        void Filters(int tileTaps)
        {
            if (filters0 > 0)
            {
                using (w.Open($"for (int f = 0; f < {filters0}; f += {d.PixelFilters})"))
                {
                    Tile(tileTaps, d.PixelFilters);
                }
            }

            if (filters0 < filters)
            {
                using (w.OpenScope())
                {
                    w.WriteLine($"int f = {filters0};");
                    Tile(tileTaps, filters - filters0);
                }
            }
        }

        void Tile(int tileTaps, int tileFilters)
        {
            for (int i = 0; i < tileTaps; i++)
            {
                string tap = i == 0 ? "tap" : $"(tap + {i})";
                w.WriteLine($"nint offset{i} = (nint)({tap} / {g.WindowWidth}) * {g.Dilation * g.Width} + {tap} % {g.WindowWidth}{(g.Dilation == 1 ? string.Empty : $" * {g.Dilation}")};");
            }

            for (int i = 0; i < tileTaps; i++)
            {
                for (int j = 0; j < tileFilters; j++)
                {
                    w.WriteLine($"{v.Float} a{i}_{j} = {v.Type}.LoadUnsafe(ref sums0, (nuint)({Term("tap", i)} * {filters} + {Plus("f", j)}) * {lanes});");
                }
            }

            // Pointers that move a row at a time, and every run's offsets constants: the loop's integer work stays off the
            // multiply-adds' way (an index and a division a run cost about as many instructions as the products).
            w.WriteLine($"ref float dzRow = ref {Unsafe}.Add(ref expanded0, {Term("f", 0)} * {planeSize});");
            w.WriteLine($"ref float imageRow = ref {Unsafe}.Add(ref x0, first);");
            using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
            {
                // dL/dz of filter f + j at the run: dzAt(j) floats past dzRow.
                void Run(System.Func<int, string> dzAt, string column)
                {
                    for (int j = 0; j < tileFilters; j++)
                    {
                        w.WriteLine($"{v.Float} dz{j} = {v.Type}.LoadUnsafe(ref dzRow, {dzAt(j)});");
                    }

                    for (int i = 0; i < tileTaps; i++)
                    {
                        w.WriteLine($"{v.Float} pixels{i} = {v.Type}.LoadUnsafe(ref imageRow, (nuint)({Plus($"offset{i}", column)}));");
                        for (int j = 0; j < tileFilters; j++)
                        {
                            w.WriteLine($"a{i}_{j} = {v.MultiplyAdd}(pixels{i}, dz{j}, a{i}_{j});");
                        }
                    }
                }

                if (runs <= MaxWrittenRuns)
                {
                    for (int r = 0; r < runs; r++)
                    {
                        using (w.OpenScope())
                        {
                            int at = r * lanes;
                            Run(j => (at + j * planeSize).ToString(System.Globalization.CultureInfo.InvariantCulture), d.RunStart(r, g.OutputWidth).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                }
                else
                {
                    using (w.Open($"for (int run = 0; run < {runs}; run++)"))
                    {
                        w.WriteLine($"nint column = {RunStart(d, g.OutputWidth, "run")};");
                        Run(j => $"(nuint)({Plus($"run * {lanes}", j * planeSize)})", "column");
                    }
                }

                w.WriteLine($"dzRow = ref {Unsafe}.Add(ref dzRow, {runs * lanes});");
                w.WriteLine($"imageRow = ref {Unsafe}.Add(ref imageRow, {g.StrideHeight * g.Width});");
            }

            for (int i = 0; i < tileTaps; i++)
            {
                for (int j = 0; j < tileFilters; j++)
                {
                    w.WriteLine($"{v.Type}.StoreUnsafe(a{i}_{j}, ref sums0, (nuint)({Term("tap", i)} * {filters} + {Plus("f", j)}) * {lanes});");
                }
            }
        }

        if (taps0 > 0)
        {
            using (w.Open($"for (int tap = 0; tap < {taps0}; tap += {d.PixelTaps})"))
            {
                Filters(d.PixelTaps);
            }
        }

        if (taps0 < taps)
        {
            using (w.OpenScope())
            {
                w.WriteLine($"int tap = {taps0};");
                Filters(taps - taps0);
            }
        }
    }

    /// <summary>Code for <see cref="DirectWidthPlan.RunStart"/> of the run that <paramref name="run"/> computes.</summary>
    private static string RunStart(DirectWidthPlan d, int outputWidth, string run) =>
        outputWidth % d.Width.Lanes == 0 ? $"{run} * {d.Width.Lanes}" : $"global::System.Math.Min({run} * {d.Width.Lanes}, {outputWidth - d.Width.Lanes})";

    /// <summary>Most runs of a row the backward pass writes out (their offsets constants); more go round a loop.</summary>
    private const int MaxWrittenRuns = 4;

    /// <summary><paramref name="name"/> plus <paramref name="add"/> as a factor of a product: in parentheses unless 0 is added.</summary>
    private static string Term(string name, int add) => add == 0 ? name : $"({name} + {add})";

    /// <summary>The kernel gradient's partial sums over image <c>s</c> in groups of taps, output row by output row.</summary>
    private static void TapGroups(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d)
    {
        int taps = conv.Window.WindowHeight * conv.Window.WindowWidth;
        int taps0 = taps - taps % d.TapGroup;
        w.WriteLine($"// dL/dW: {d.TapGroup} taps at a time{(taps0 < taps ? $", then the last {taps - taps0}" : "")}, each tap's run of the spread image times dL/dz over the output rows");
        w.WriteLine("int tap = 0;");
        using (w.Open($"for (; tap < {taps0}; tap += {d.TapGroup})"))
        {
            TapSums(w, conv, d, d.TapGroup);
        }

        if (taps0 < taps)
        {
            using (w.OpenScope())
            {
                TapSums(w, conv, d, taps - taps0);
            }
        }
    }

    /// <summary>
    /// The kernel gradient's partial sums over image <c>s</c> a kernel column at a time: <see cref="DirectWidthPlan.TapRows"/>
    /// of the column's taps over <see cref="DirectWidthPlan.RowBlock"/> output rows, each row's dL/dz vector held while the
    /// image vectors the block reads stream past, each loaded once and multiplied into every (output row, kernel row) pair
    /// that reads it.
    /// </summary>
    private static void ColumnSums(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int lanes = v.Lanes, spread = d.SpreadFloats, rows = d.RowBlock, tapRows = d.TapRows;
        int imageRow = g.Width * conv.Filters;
        int groups = d.GroupedKernelRows(g.WindowHeight) / tapRows * g.WindowWidth;

        // The image rows the block reads, from its first, each with the (output row, kernel row) pairs that read it.
        var reads = new SortedDictionary<int, List<(int Row, int TapRow)>>();
        for (int r = 0; r < rows; r++)
        {
            for (int h = 0; h < tapRows; h++)
            {
                int at = r * g.StrideHeight + h * g.Dilation;
                if (!reads.TryGetValue(at, out var pairs))
                {
                    reads[at] = pairs = new List<(int, int)>();
                }

                pairs.Add((r, h));
            }
        }

        w.WriteLine($"// dL/dW: a kernel column's {tapRows} kernel rows at a time over {rows} output rows, each image vector loaded once for every pair of output row and kernel row that reads it");
        using (w.Open($"for (int group = 0; group < {groups}; group++)"))
        {
            w.WriteLine($"int kh = group / {g.WindowWidth} * {tapRows}, kw = group % {g.WindowWidth};");
            string Sum(int h, int j) => $"(nuint)({Plus($"((kh + {h}) * {g.WindowWidth} + kw) * {spread}", j * lanes)})";
            for (int h = 0; h < tapRows; h++)
            {
                for (int j = 0; j < d.Phases; j++)
                {
                    w.WriteLine($"{v.Float} a{h}_{j} = {v.Type}.LoadUnsafe(ref sums0, {Sum(h, j)});");
                }
            }

            using (w.Open($"for (int oh = 0; oh < {d.BlockedRows(g.OutputHeight)}; oh += {rows})"))
            {
                w.WriteLine($"nint at = ((nint)oh * {g.StrideHeight} + (nint)kh * {g.Dilation}) * {imageRow} + (nint)kw * {g.Dilation * conv.Filters};");
                w.WriteLine($"nint dz = (nint)oh * {d.PaddedRow};");
                using (w.Open($"for (nint k = 0; k < {d.PaddedRow}; k += {spread})"))
                {
                    for (int j = 0; j < d.Phases; j++)
                    {
                        using (w.OpenScope())
                        {
                            for (int r = 0; r < rows; r++)
                            {
                                w.WriteLine($"{v.Float} d{r} = {v.Type}.LoadUnsafe(ref gradientRows0, (nuint)({Plus("dz + k", r * d.PaddedRow + j * lanes)}));");
                            }

                            foreach (var read in reads)
                            {
                                w.WriteLine($"{v.Float} e{read.Key} = {v.Type}.LoadUnsafe(ref expanded0, (nuint)({Plus("at + k", read.Key * imageRow + j * lanes)}));");
                                foreach (var (r, h) in read.Value)
                                {
                                    w.WriteLine($"a{h}_{j} = {v.MultiplyAdd}(e{read.Key}, d{r}, a{h}_{j});");
                                }
                            }
                        }
                    }
                }
            }

            for (int h = 0; h < tapRows; h++)
            {
                for (int j = 0; j < d.Phases; j++)
                {
                    w.WriteLine($"{v.Type}.StoreUnsafe(a{h}_{j}, ref sums0, {Sum(h, j)});");
                }
            }
        }
    }

    /// <summary>The kernel gradient's partial sums of <paramref name="group"/> taps from <c>tap</c> over image <c>s</c>.</summary>
    private static void TapSums(SourceWriter w, Conv2DLayer conv, DirectWidthPlan d, int group)
    {
        Window2DGeometry g = conv.Window;
        VectorWidth v = d.Width;
        int lanes = v.Lanes, spread = d.SpreadFloats;
        string Tap(int t) => t == 0 ? "tap" : $"(tap + {t})";
        string Sum(int t, int j) => $"(nuint)({Plus($"{Tap(t)} * {spread}", j * lanes)})";
        for (int t = 0; t < group; t++)
        {
            w.WriteLine($"nint offset{t} = (nint)({Tap(t)} / {g.WindowWidth}) * {g.Dilation * g.Width * conv.Filters} + (nint)({Tap(t)} % {g.WindowWidth}) * {g.Dilation * conv.Filters};");
            for (int j = 0; j < d.Phases; j++)
            {
                w.WriteLine($"{v.Float} a{t}_{j} = {v.Type}.LoadUnsafe(ref sums0, {Sum(t, j)});");
            }
        }

        using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
        {
            w.WriteLine($"nint at = (nint)oh * {g.StrideHeight * g.Width * conv.Filters};");
            w.WriteLine($"nint dz = (nint)oh * {d.PaddedRow};");
            using (w.Open($"for (nint k = 0; k < {d.PaddedRow}; k += {spread})"))
            {
                for (int j = 0; j < d.Phases; j++)
                {
                    w.WriteLine($"{v.Float} d{j} = {v.Type}.LoadUnsafe(ref gradientRows0, (nuint)({Plus("dz + k", j * lanes)}));");
                    for (int t = 0; t < group; t++)
                    {
                        w.WriteLine($"a{t}_{j} = {v.MultiplyAdd}({v.Type}.LoadUnsafe(ref expanded0, (nuint)({Plus($"at + k + offset{t}", j * lanes)})), d{j}, a{t}_{j});");
                    }
                }
            }
        }

        for (int t = 0; t < group; t++)
        {
            for (int j = 0; j < d.Phases; j++)
            {
                w.WriteLine($"{v.Type}.StoreUnsafe(a{t}_{j}, ref sums0, {Sum(t, j)});");
            }
        }
    }

    /// <summary>The 256-bit method's hand-over of an AVX-512 machine to the 512-bit one (a constant in a JIT build).</summary>
    private static void DispatchWide(SourceWriter w, string call)
    {
        using (w.Open($"if ({VectorWidth.V512.Type}.IsHardwareAccelerated)"))
        {
            w.WriteLine(call);
            w.WriteLine("return;");
        }
    }

    /// <summary>
    /// The 256-bit method's portable path: a machine without 256-bit SIMD goes to the 128-bit twin by
    /// <paramref name="twinCall"/>, one without SIMD through the scalar loops <paramref name="scalar"/> writes
    /// (<paramref name="how"/> says how they go, for their comment). In a JIT build both conditions are constants.
    /// </summary>
    private static void HandOver(SourceWriter w, string twinCall, string how, System.Action scalar)
    {
        using (w.Open($"if (!{VectorWidth.V256.Type}.IsHardwareAccelerated)"))
        {
            using (w.Open($"if ({VectorWidth.V128.Type}.IsHardwareAccelerated)"))
            {
                w.WriteLine(twinCall);
                w.WriteLine("return;");
            }

            w.WriteLine($"// Without SIMD: {how}.");
            scalar();
            w.WriteLine("return;");
        }
    }

    /// <summary>The portable path's loops over images, output pixels and filters: <c>at</c> the pixel's window's first value, <c>to</c> its first output.</summary>
    private static void ScalarLoops(SourceWriter w, Conv2DLayer conv, System.Action output)
    {
        Window2DGeometry g = conv.Window;
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
            {
                using (w.Open($"for (int ow = 0; ow < {g.OutputWidth}; ow++)"))
                {
                    w.WriteLine($"nint at = (nint)s * {conv.Input.Size} + (nint)oh * {g.StrideHeight * g.Width} + ow;");
                    w.WriteLine($"nint to = (((nint)s * {g.OutputHeight} + oh) * {g.OutputWidth} + ow) * {conv.Filters};");
                    using (w.Open($"for (int f = 0; f < {conv.Filters}; f++)"))
                    {
                        output();
                    }
                }
            }
        }
    }

    /// <summary>Loops over the kernel's rows and columns, with <c>tap</c> the tap's index and <c>offset</c> its value's distance from the window's first.</summary>
    private static void EachTap(SourceWriter w, Window2DGeometry g, System.Action body)
    {
        using (w.Open($"for (int kh = 0; kh < {g.WindowHeight}; kh++)"))
        {
            using (w.Open($"for (int kw = 0; kw < {g.WindowWidth}; kw++)"))
            {
                w.WriteLine($"int tap = kh * {g.WindowWidth} + kw;");
                w.WriteLine($"nint offset = (nint)kh * {g.Dilation * g.Width} + {(g.Dilation == 1 ? "kw" : $"kw * {g.Dilation}")};");
                body();
            }
        }
    }
}
