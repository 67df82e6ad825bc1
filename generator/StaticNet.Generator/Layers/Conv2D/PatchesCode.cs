using StaticNet.Generator.Emit;
using StaticNet.Generator.Emit.MatrixProducts;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.MatrixProducts.MatrixProductForwardCode;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// <c>{Prefix}Gather</c> and <c>{Prefix}Scatter</c>: im2col and its adjoint for a window that never leaves the image (no
/// padding), with every size a constant. A patch is the window's kernel rows, each a run of adjacent values of the image
/// (kernel width × channels; channels alone when dilated), copied as a block of constant size: the runtime's
/// general <c>Patches</c>, which checks every tap against the image's border, took about a third of LeNet-5's step.
/// </summary>
internal static class PatchesCode
{
    /// <summary>Runs longer than this are added by a loop rather than written out, to keep the method small for wide layers.</summary>
    private const int StraightLineRun = 16;

    private static readonly string Vector128 = VectorWidth.V128.Type;

    /// <summary>Whether every window lies inside the image, so the generated methods apply.</summary>
    public static bool Applies(Window2DGeometry window) =>
        window.PadTop == 0 && window.PadLeft == 0
        && (window.OutputHeight - 1L) * window.StrideHeight + window.ExtentHeight <= window.Height
        && (window.OutputWidth - 1L) * window.StrideWidth + window.ExtentWidth <= window.Width;

    public static void WriteGather(SourceWriter w, Conv2DLayer conv, int patchesSize)
    {
        Window2DGeometry g = conv.Window;
        w.WriteLine($"/// <summary>{conv.Name}'s patches of one image (im2col): a row per output pixel of its {g.WindowHeight}×{g.WindowWidth} window's values, channels last.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {conv.Prefix}Gather({ReadOnlySpan} image, {Span} patches)"))
        {
            w.WriteLine($"if (image.Length != {conv.Input.Size} || patches.Length != {patchesSize}) {ShapeGuard}.ThrowLayerShape(\"{conv.Name}\");");
            MatrixProductForwardCode.Refs(w, "image", "patches");
            Loops(w, g, (offset, from, run) =>
                w.WriteLine($"{Unsafe}.CopyBlockUnaligned(ref {Unsafe}.As<float, byte>(ref {Unsafe}.Add(ref patches0, {Plus("at", offset)})), ref {Unsafe}.As<float, byte>(ref {Unsafe}.Add(ref image0, {from})), {run * 4});"));
        }
    }

    public static void WriteScatter(SourceWriter w, Conv2DLayer conv, int patchesSize)
    {
        Window2DGeometry g = conv.Window;
        w.WriteLine($"/// <summary>The adjoint of <c>{conv.Prefix}Gather</c>: each value of the image's gradient is the sum of the patches' gradients at the taps that read it.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {conv.Prefix}Scatter({ReadOnlySpan} patches, {Span} image)"))
        {
            w.WriteLine($"if (image.Length != {conv.Input.Size} || patches.Length != {patchesSize}) {ShapeGuard}.ThrowLayerShape(\"{conv.Name}\");");
            w.WriteLine("image.Clear();");
            MatrixProductForwardCode.Refs(w, "image", "patches");
            if (g.Dilation == 1)
            {
                WriteColumnStrips(w, g);
                return;
            }

            Loops(w, g, (offset, from, run) => AddRun(w, offset, from, run));
        }
    }

    /// <summary>
    /// The scatter of an undilated window, a column of windows at a time. Adding each kernel row's run straight into the
    /// image costs a load, an add and a store per 4 floats for every run, and every image value receives up to a whole
    /// window's runs: 1.8 µs of LeNet-5's 28 µs step (in either loop order: the stores, not their overlaps, set the
    /// pace). Down one column of windows every run an image row receives starts at the same column, so the kernel rows
    /// that land on one image row are summed in registers, in chunks of up to <see cref="ChunkFloats"/> floats, and
    /// added to the image once: 0.7 µs, the sums in a different order.
    /// </summary>
    private static void WriteColumnStrips(SourceWriter w, Window2DGeometry g)
    {
        int rowValues = g.Width * g.Channels;
        int runLength = g.WindowWidth * g.Channels;
        int patch = g.WindowHeight * runLength;
        int rows = (g.OutputHeight - 1) * g.StrideHeight + g.WindowHeight;
        using (w.Open($"for (int ow = 0; ow < {g.OutputWidth}; ow++)"))
        {
            using (w.Open($"for (int r = 0; r < {rows}; r++)"))
            {
                w.WriteLine($"nint to = (nint)r * {rowValues} + (nint)ow * {g.StrideWidth * g.Channels};");
                int whole = runLength / ChunkFloats * ChunkFloats;
                if (whole > 2 * ChunkFloats)
                {
                    using (w.Open($"for (nint c = 0; c < {whole}; c += {ChunkFloats})"))
                    {
                        Chunk(w, g, patch, runLength, "c", ChunkFloats);
                    }
                }
                else
                {
                    for (int c = 0; c < whole; c += ChunkFloats)
                    {
                        using (w.OpenScope())
                        {
                            Chunk(w, g, patch, runLength, c.ToString(System.Globalization.CultureInfo.InvariantCulture), ChunkFloats);
                        }
                    }
                }

                if (whole < runLength)
                {
                    using (w.OpenScope())
                    {
                        Chunk(w, g, patch, runLength, whole.ToString(System.Globalization.CultureInfo.InvariantCulture), runLength - whole);
                    }
                }
            }
        }
    }

    /// <summary>Floats of a run summed in registers at a time: 8 vectors of 4.</summary>
    private const int ChunkFloats = 32;

    /// <summary>
    /// Floats <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of image row <c>r</c>'s
    /// run in column <c>ow</c>: the sum of the kernel rows that land on it, in the order of their output rows, added in.
    /// </summary>
    private static void Chunk(SourceWriter w, Window2DGeometry g, int patch, int runLength, string start, int length)
    {
        int vectors = length / 4;
        int scalars = length % 4;
        for (int v = 0; v < vectors; v++)
        {
            w.WriteLine($"{Vector128}<float> s{v} = {Vector128}<float>.Zero;");
        }

        for (int t = 0; t < scalars; t++)
        {
            w.WriteLine($"float t{t} = 0f;");
        }

        // The kernel rows kh that land on image row r, from the last (the earliest output row) to the first.
        string kernelRows = g.StrideHeight == 1
            ? $"for (int kh = global::System.Math.Min(r, {g.WindowHeight - 1}); kh >= global::System.Math.Max(0, r - {g.OutputHeight - 1}); kh--)"
            : $"for (int kh = {g.WindowHeight - 1}; kh >= 0; kh--)";
        using (w.Open(kernelRows))
        {
            if (g.StrideHeight == 1)
            {
                w.WriteLine("int oh = r - kh;");
            }
            else
            {
                w.WriteLine("int below = r - kh;");
                w.WriteLine($"if (below < 0 || below % {g.StrideHeight} != 0) continue;");
                w.WriteLine($"int oh = below / {g.StrideHeight};");
                w.WriteLine($"if (oh >= {g.OutputHeight}) continue;");
            }

            w.WriteLine($"nint source = {Plus($"((nint)oh * {g.OutputWidth} + ow) * {patch} + (nint)kh * {runLength}", start)};");
            for (int v = 0; v < vectors; v++)
            {
                w.WriteLine($"s{v} += {Vector128}.LoadUnsafe(ref patches0, (nuint)({Plus("source", v * 4)}));");
            }

            for (int t = 0; t < scalars; t++)
            {
                w.WriteLine($"t{t} += {Unsafe}.Add(ref patches0, {Plus("source", vectors * 4 + t)});");
            }
        }

        w.WriteLine($"nint into = {Plus("to", start)};");
        for (int v = 0; v < vectors; v++)
        {
            string target = $"(nuint)({Plus("into", v * 4)})";
            w.WriteLine($"{Vector128}.StoreUnsafe({Vector128}.LoadUnsafe(ref image0, {target}) + s{v}, ref image0, {target});");
        }

        for (int t = 0; t < scalars; t++)
        {
            w.WriteLine($"{Unsafe}.Add(ref image0, {Plus("into", vectors * 4 + t)}) += t{t};");
        }
    }

    /// <summary>Adds one run of a patch's gradient into the image, read, added and written back 4 floats at a time.</summary>
    private static void AddRun(SourceWriter w, int offset, string from, int run)
    {
        if (run > StraightLineRun)
        {
            using (w.OpenScope())
            {
                w.WriteLine($"nint to = {from}, source = {Plus("at", offset)};");
                w.WriteLine("int q = 0;");
                using (w.Open($"for (; q + 4 <= {run}; q += 4)"))
                {
                    w.WriteLine($"{Vector128}.StoreUnsafe({Vector128}.LoadUnsafe(ref image0, (nuint)(to + q)) + {Vector128}.LoadUnsafe(ref patches0, (nuint)(source + q)), ref image0, (nuint)(to + q));");
                }

                using (w.Open($"for (; q < {run}; q++)"))
                {
                    w.WriteLine($"{Unsafe}.Add(ref image0, to + q) += {Unsafe}.Add(ref patches0, source + q);");
                }
            }

            return;
        }

        int q = 0;
        for (; q + 4 <= run; q += 4)
        {
            string source = $"{Vector128}.LoadUnsafe(ref patches0, (nuint)({Plus("at", offset + q)}))";
            string target = $"(nuint)({Plus(from, q)})";
            w.WriteLine($"{Vector128}.StoreUnsafe({Vector128}.LoadUnsafe(ref image0, {target}) + {source}, ref image0, {target});");
        }

        for (; q < run; q++)
        {
            w.WriteLine($"{Unsafe}.Add(ref image0, {Plus(from, q)}) += {Unsafe}.Add(ref patches0, {Plus("at", offset + q)});");
        }
    }

    /// <summary>
    /// The loops over output pixels, with <c>at</c> the start of the pixel's patch and <c>from</c> the image value its
    /// window starts at; <paramref name="run"/> writes one run given its offset in the patch, the expression of its
    /// first image value, and its length.
    /// </summary>
    private static void Loops(SourceWriter w, Window2DGeometry g, System.Action<int, string, int> run)
    {
        int rowValues = g.Width * g.Channels;
        int patch = g.WindowHeight * g.WindowWidth * g.Channels;
        bool dilated = g.Dilation > 1;
        int runLength = dilated ? g.Channels : g.WindowWidth * g.Channels;
        w.WriteLine("nint at = 0;");
        using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
        {
            using (w.Open($"for (int ow = 0; ow < {g.OutputWidth}; ow++, at += {patch})"))
            {
                w.WriteLine($"nint from = (nint)oh * {g.StrideHeight * rowValues} + (nint)ow * {g.StrideWidth * g.Channels};");
                for (int kh = 0; kh < g.WindowHeight; kh++)
                {
                    int rowOffset = kh * g.Dilation * rowValues;
                    if (!dilated)
                    {
                        run(kh * runLength, Plus("from", rowOffset), runLength);
                        continue;
                    }

                    for (int kw = 0; kw < g.WindowWidth; kw++)
                    {
                        run((kh * g.WindowWidth + kw) * g.Channels, Plus("from", rowOffset + kw * g.Dilation * g.Channels), runLength);
                    }
                }
            }
        }
    }
}
