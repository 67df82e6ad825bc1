using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Emit.MatrixProducts;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.MatrixProducts.MatrixProductForwardCode;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Pooling2D;

/// <summary>
/// <c>{Prefix}Forward</c> and <c>{Prefix}Backward</c>: pooling with every size a constant, a 128-bit vector of channels at
/// a time (the last block overlapping the one before it where 4 does not divide the channels: its shared lanes are
/// computed twice, identically), each window's cells written out in the runtime reference's scan order, so the results
/// have its bits. Without 128-bit SIMD they call the reference.
/// </summary>
internal static class PoolingCode
{
    private static readonly VectorWidth V = VectorWidth.V128;

    public static string ForwardMethod(Pooling2DLayer pool) => pool.Prefix + "Forward";

    public static string BackwardMethod(Pooling2DLayer pool) => pool.Prefix + "Backward";

    public static void WriteForward(SourceWriter w, Pooling2DLayer pool)
    {
        Window2DGeometry g = pool.Window;
        string what = pool.IsMax ? "maximum" : "mean";
        w.WriteLine($"/// <summary>{pool.Name} forward for <paramref name=\"count\"/> samples: each {g.WindowHeight}×{g.WindowWidth} window's {what}, {V.Lanes} channels a vector.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {ForwardMethod(pool)}({ReadOnlySpan} x, {Span} y, int count)"))
        {
            w.WriteLine($"if ((uint)count > (uint)(x.Length / {pool.Input.Size}) || count > y.Length / {pool.Output.Size}) {ShapeGuard}.ThrowLayerShape(\"{pool.Name}\");");
            using (w.Open($"if (!{V.Type}.IsHardwareAccelerated)"))
            {
                w.WriteLine($"{Pooling2DEmitter.Reference}.{(pool.IsMax ? "Max" : "Average")}Forward(x, y, count, {g.Literal});");
                w.WriteLine("return;");
            }

            MatrixProductForwardCode.Refs(w, "x", "y");
            Loops(w, pool, () =>
            {
                w.WriteLine($"{V.Float} z = {V.Type}.LoadUnsafe(ref x0, (nuint)at);");
                foreach (int cell in Cells(g).Skip(1))
                {
                    string load = $"{V.Type}.LoadUnsafe(ref x0, (nuint)(at + {cell}))";
                    w.WriteLine(pool.IsMax ? $"z = {V.Type}.Max(z, {load});" : $"z += {load};");
                }

                string result = pool.IsMax ? "z" : $"z * {Literals.Float(1f / (g.WindowHeight * g.WindowWidth))}";
                w.WriteLine($"{V.Type}.StoreUnsafe({result}, ref y0, (nuint)to);");
            });
        }
    }

    public static void WriteBackward(SourceWriter w, Pooling2DLayer pool, Pooling2DPlan plan)
    {
        Window2DGeometry g = pool.Window;
        string rule = pool.IsMax
            ? "each window's gradient to the first cell holding its maximum (branch-free: the maximum's place is as unpredictable as the data)"
            : "each window's gradient shared equally among its cells";
        w.WriteLine($"/// <summary>{pool.Name} backward for <paramref name=\"count\"/> samples: {rule}. No two windows share a cell, so each cell's gradient is written once.</summary>");
        w.WriteLine(AggressiveOptimization);
        string parameters = pool.IsMax
            ? $"{ReadOnlySpan} x, {ReadOnlySpan} y, {ReadOnlySpan} gradient, {Span} inputGradient, int count"
            : $"{ReadOnlySpan} gradient, {Span} inputGradient, int count";
        using (w.Open($"private static void {BackwardMethod(pool)}({parameters})"))
        {
            string outputs = pool.IsMax ? $" || count > y.Length / {pool.Output.Size} || count > x.Length / {pool.Input.Size}" : "";
            w.WriteLine($"if ((uint)count > (uint)(inputGradient.Length / {pool.Input.Size}) || count > gradient.Length / {pool.Output.Size}{outputs}) {ShapeGuard}.ThrowLayerShape(\"{pool.Name}\");");
            using (w.Open($"if (!{V.Type}.IsHardwareAccelerated)"))
            {
                w.WriteLine(pool.IsMax
                    ? $"{Pooling2DEmitter.Reference}.MaxBackward(x, y, gradient, inputGradient, count, {g.Literal});"
                    : $"{Pooling2DEmitter.Reference}.AverageBackward(gradient, inputGradient, count, {g.Literal});");
                w.WriteLine("return;");
            }

            if (!plan.CoversImage)
            {
                w.WriteLine($"// Cells no window reads take no gradient.");
                w.WriteLine($"inputGradient.Slice(0, count * {pool.Input.Size}).Clear();");
            }

            MatrixProductForwardCode.Refs(w, pool.IsMax ? new[] { "x", "y", "gradient", "inputGradient" } : new[] { "gradient", "inputGradient" });
            int[] cells = Cells(g).ToArray();
            Loops(w, pool, () =>
            {
                if (!pool.IsMax)
                {
                    w.WriteLine($"{V.Float} share = {V.Type}.LoadUnsafe(ref gradient0, (nuint)to) * {Literals.Float(1f / cells.Length)};");
                    foreach (int cell in cells)
                    {
                        w.WriteLine($"{V.Type}.StoreUnsafe(share, ref inputGradient0, (nuint)({Plus("at", cell)}));");
                    }

                    return;
                }

                w.WriteLine($"{V.Float} maximum = {V.Type}.LoadUnsafe(ref y0, (nuint)to), g = {V.Type}.LoadUnsafe(ref gradient0, (nuint)to);");
                w.WriteLine($"{V.Float} first = {V.Type}.Equals({V.Type}.LoadUnsafe(ref x0, (nuint)at), maximum);");
                w.WriteLine($"{V.Float} pending = ~first, hit;");
                foreach (int cell in cells.Skip(1))
                {
                    w.WriteLine($"hit = {V.Type}.Equals({V.Type}.LoadUnsafe(ref x0, (nuint)(at + {cell})), maximum) & pending;");
                    w.WriteLine($"{V.Type}.StoreUnsafe(hit & g, ref inputGradient0, (nuint)(at + {cell}));");
                    w.WriteLine("pending = " + V.Type + ".AndNot(pending, hit);");
                }

                w.WriteLine("// The first cell: where it holds the maximum, or where no cell does (a NaN maximum), as the reference.");
                w.WriteLine($"{V.Type}.StoreUnsafe((first | pending) & g, ref inputGradient0, (nuint)at);");
            });
        }
    }

    /// <summary>
    /// The loops over samples, output pixels and blocks of channels, with <c>at</c> the first input value of the block's
    /// window and <c>to</c> the block's output (and output gradient); <paramref name="block"/> writes one block.
    /// </summary>
    private static void Loops(SourceWriter w, Pooling2DLayer pool, System.Action block)
    {
        Window2DGeometry g = pool.Window;
        int channels = g.Channels, rowValues = g.Width * channels;
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
            {
                w.WriteLine($"nint windowRow = (nint)s * {pool.Input.Size} + (nint)oh * {g.StrideHeight * rowValues};");
                w.WriteLine($"nint outputRow = ((nint)s * {g.OutputHeight} + oh) * {g.OutputWidth * channels};");
                using (w.Open($"for (int ow = 0; ow < {g.OutputWidth}; ow++)"))
                {
                    string step = channels % V.Lanes == 0 ? "c" : $"global::System.Math.Min(c, {channels - V.Lanes})";
                    using (w.Open($"for (nint c = 0; c < {channels}; c += {V.Lanes})"))
                    {
                        if (channels % V.Lanes != 0)
                        {
                            w.WriteLine($"// The last block starts at channel {channels - V.Lanes}, overlapping the one before it.");
                        }

                        w.WriteLine($"nint block = {step};");
                        w.WriteLine($"nint at = windowRow + (nint)ow * {g.StrideWidth * channels} + block, to = outputRow + (nint)ow * {channels} + block;");
                        block();
                    }
                }
            }
        }
    }

    /// <summary>Each cell's offset from the window's first, row by row: the reference's scan order.</summary>
    private static IEnumerable<int> Cells(Window2DGeometry g)
    {
        for (int kh = 0; kh < g.WindowHeight; kh++)
        {
            for (int kw = 0; kw < g.WindowWidth; kw++)
            {
                yield return (kh * g.Width + kw) * g.Channels;
            }
        }
    }
}
