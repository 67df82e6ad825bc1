using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.MatrixProducts.MatrixProductForwardCode;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// <c>{Prefix}ForwardDirect</c> and <c>{Prefix}BackwardDirect</c>: a convolution of a one-channel image (a grayscale
/// picture, a signal) computed from the image itself, with no patches gathered. With one channel and stride 1 along
/// the width, a tap's values for 8 adjacent output pixels are 8 adjacent input values, one vector load; so the forward
/// pass keeps a vector of 8 pixels per filter and multiplies each tap's load by the filter's weight, and the backward
/// pass sums, per tap and filter, the same loads times dL/dz transposed to lanes of pixels. im2col gathered 25 values
/// per pixel and then ran a product whose 6 filters filled less than a vector: on LeNet-5's first layer the two took a
/// third of the training step.
/// </summary>
internal static class DirectConvolutionCode
{
    public static readonly VectorWidth V = VectorWidth.V256;

    /// <summary>Taps whose kernel gradients are summed at once in the backward pass: about 12 accumulators in registers.</summary>
    public static int TapGroup(int filters) => System.Math.Max(1, 12 / filters);

    /// <summary>Blocks of <paramref name="v"/>'s lanes per output row, the last one ending at the row's end.</summary>
    public static int Blocks(Window2DGeometry g, VectorWidth v) => (g.OutputWidth + v.Lanes - 1) / v.Lanes;

    /// <summary>
    /// Floats of dL/dz of one image transposed to lanes of pixels at <paramref name="v"/>: filters × output rows × blocks ×
    /// lanes. The workspace holds the 256-bit size, which no narrower width's exceeds.
    /// </summary>
    public static int TransposedGradientSize(Conv2DLayer conv, VectorWidth v) => conv.Filters * conv.Window.OutputHeight * Blocks(conv.Window, v) * v.Lanes;

    /// <summary>The size the workspace holds.</summary>
    public static int TransposedGradientSize(Conv2DLayer conv) => TransposedGradientSize(conv, V);

    /// <summary>The 128-bit twin's name suffix, as the matrix products'.</summary>
    private static string Suffix(VectorWidth v) => v == VectorWidth.V128 ? "128" : string.Empty;

    public static string ForwardMethod(Conv2DLayer conv) => conv.Prefix + "ForwardDirect";

    public static string BackwardMethod(Conv2DLayer conv) => conv.Prefix + "BackwardDirect";

    public static void WriteForward(SourceWriter w, Conv2DLayer conv, bool defersActivation)
    {
        WriteForward(w, conv, defersActivation, V);
        w.WriteLine();
        WriteForward(w, conv, defersActivation, VectorWidth.V128);
    }

    /// <summary>
    /// The forward method at <paramref name="v"/>'s width. The 256-bit one (which callers name) hands a machine without
    /// 256-bit SIMD to its 128-bit twin (a default Native AOT build), and one without SIMD to a scalar loop.
    /// </summary>
    private static void WriteForward(SourceWriter w, Conv2DLayer conv, bool defersActivation, VectorWidth v)
    {
        Window2DGeometry g = conv.Window;
        int filters = conv.Filters, taps = g.WindowHeight * g.WindowWidth;
        Activation activation = defersActivation ? Activation.Linear : conv.Function.Function;
        float slope = conv.Function.NegativeSlope;
        string applies = defersActivation ? "the logits x∗W + b" : $"{ActivationCode.Describe(activation, slope)}(x∗W + b)";
        w.WriteLine($"/// <summary>{conv.Name} forward for <paramref name=\"count\"/> images, straight from the image (one channel), {v.Lanes} adjacent output pixels a vector: writes {applies}.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {ForwardMethod(conv)}{Suffix(v)}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int count)"))
        {
            w.WriteLine($"if (kernel.Length != {taps * filters} || bias.Length != {filters} || (uint)count > (uint)(x.Length / {conv.Input.Size}) || count > y.Length / {conv.Output.Size}) {ShapeGuard}.ThrowLayerShape(\"{conv.Name}\");");
            Refs(w, "kernel", "bias", "x", "y");
            if (v == V)
            {
                HandOver(w, $"{ForwardMethod(conv)}128(kernel, bias, x, y, count);", "the same sums, one output at a time", () => ScalarLoops(w, conv, () =>
                {
                    w.WriteLine($"float z = {Unsafe}.Add(ref bias0, f);");
                    EachTap(w, g, () => w.WriteLine($"z = {Fma}({Unsafe}.Add(ref x0, at + offset), {Unsafe}.Add(ref kernel0, tap * {filters} + f), z);"));
                    w.WriteLine($"{Unsafe}.Add(ref y0, to + f) = {ActivationCode.Scalar(activation, slope, "z")};");
                }));
            }

            w.WriteLine($"// One block's outputs, filter by filter, for storing pixel by pixel (channels last).");
            w.WriteLine($"{Span} block = stackalloc float[{filters * v.Lanes}];");
            w.WriteLine($"ref float block0 = ref {MemoryMarshal}.GetReference(block);");
            VectorLoops(w, conv, v, () =>
            {
                for (int f = 0; f < filters; f++)
                {
                    w.WriteLine($"{v.Float} z{f} = {v.Type}.Create({Unsafe}.Add(ref bias0, {f}));");
                }

                EachTap(w, g, () =>
                {
                    w.WriteLine($"{v.Float} pixels = {v.Type}.LoadUnsafe(ref x0, (nuint)(at + offset));");
                    w.WriteLine($"nint weights = (nint)tap * {filters};");
                    for (int f = 0; f < filters; f++)
                    {
                        w.WriteLine($"z{f} = {v.MultiplyAdd}(pixels, {v.Type}.Create({Unsafe}.Add(ref kernel0, {Plus("weights", f)})), z{f});");
                    }
                });
                for (int f = 0; f < filters; f++)
                {
                    w.WriteLine($"{v.Type}.StoreUnsafe({ActivationCode.Vector(activation, slope, $"z{f}", v)}, ref block0, {f * v.Lanes});");
                }

                using (w.Open($"for (int p = 0; p < {v.Lanes}; p++)"))
                {
                    w.WriteLine($"nint to = (outputRow + ow + p) * {filters};");
                    for (int f = 0; f < filters; f++)
                    {
                        w.WriteLine($"{Unsafe}.Add(ref y0, {Plus("to", f)}) = {Unsafe}.Add(ref block0, {Plus("p", f * v.Lanes)});");
                    }
                }
            });
            if (ActivationCode.NeedsSecondPass(activation))
            {
                w.WriteLine(ActivationCode.InPlace(activation, slope, $"y.Slice(0, count * {conv.Output.Size})", precise: v == VectorWidth.V128)!);
            }
        }
    }

    public static void WriteBackward(SourceWriter w, Conv2DLayer conv, bool throughActivation)
    {
        WriteBackward(w, conv, throughActivation, V);
        w.WriteLine();
        WriteBackward(w, conv, throughActivation, VectorWidth.V128);
    }

    /// <summary>The backward method at <paramref name="v"/>'s width, handing over as the forward one does.</summary>
    private static void WriteBackward(SourceWriter w, Conv2DLayer conv, bool throughActivation, VectorWidth v)
    {
        Window2DGeometry g = conv.Window;
        int filters = conv.Filters, taps = g.WindowHeight * g.WindowWidth, blocks = Blocks(g, v), lanes = v.Lanes;
        Activation activation = throughActivation ? conv.Function.Function : Activation.Linear;
        float slope = conv.Function.NegativeSlope;
        int filterStride = g.OutputHeight * blocks * lanes;
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {conv.Name} backward for <paramref name=\"count\"/> images, straight from the image: from dL/dy (rows of <paramref name=\"gradient\"/>), carried through {ActivationCode.Describe(activation, slope)}′,");
        w.WriteLine($"/// adds dL/dW and dL/db into <paramref name=\"kernelGradient\"/> and <paramref name=\"biasGradient\"/>. No input gradient: nothing before the layer learns.");
        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {BackwardMethod(conv)}{Suffix(v)}({ReadOnlySpan} x, {ReadOnlySpan} y, {ReadOnlySpan} gradient, {Span} kernelGradient, {Span} biasGradient, {Span} transposedGradient, int count)"))
        {
            w.WriteLine($"if (kernelGradient.Length != {taps * filters} || biasGradient.Length != {filters} || transposedGradient.Length != {TransposedGradientSize(conv)} || (uint)count > (uint)(x.Length / {conv.Input.Size}) || count > y.Length / {conv.Output.Size} || count > gradient.Length / {conv.Output.Size}) {ShapeGuard}.ThrowLayerShape(\"{conv.Name}\");");
            Refs(w, "x", "y", "gradient", "kernelGradient", "biasGradient", "transposedGradient");
            if (v == V)
            {
                HandOver(w, $"{BackwardMethod(conv)}128(x, y, gradient, kernelGradient, biasGradient, transposedGradient, count);", "output by output", () => ScalarLoops(w, conv, () =>
                {
                    w.WriteLine($"float dz = {ActivationCode.ScalarDerivative(activation, slope, $"{Unsafe}.Add(ref gradient0, to + f)", $"{Unsafe}.Add(ref y0, to + f)")};");
                    w.WriteLine($"{Unsafe}.Add(ref biasGradient0, f) += dz;");
                    EachTap(w, g, () => w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, tap * {filters} + f) = {Fma}({Unsafe}.Add(ref x0, at + offset), dz, {Unsafe}.Add(ref kernelGradient0, tap * {filters} + f));"));
                }));
            }

            w.WriteLine($"// Partial sums, a vector per tap and filter (then per filter for the bias), over every image; added up at the end.");
            w.WriteLine($"{Span} sums = stackalloc float[{(taps + 1) * filters * lanes}];");
            w.WriteLine("sums.Clear();");
            w.WriteLine($"ref float sums0 = ref {MemoryMarshal}.GetReference(sums);");
            using (w.Open("for (int s = 0; s < count; s++)"))
            {
                bool partial = g.OutputWidth % lanes != 0;
                w.WriteLine($"// dL/dz = dL/dy ⊙ {ActivationCode.Describe(activation, slope)}′, transposed: per filter, output row and block, a lane per pixel{(partial ? " (the last block's lanes an earlier block covered hold 0)" : "")}");
                using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
                {
                    using (w.Open($"for (int b = 0; b < {blocks}; b++)"))
                    {
                        w.WriteLine(partial ? $"int ow = global::System.Math.Min(b * {lanes}, {g.OutputWidth - lanes}), covered = b * {lanes} - ow;" : $"int ow = b * {lanes};");
                        w.WriteLine($"nint lane0 = ((nint)oh * {blocks} + b) * {lanes};");
                        using (w.Open($"for (int p = 0; p < {lanes}; p++)"))
                        {
                            w.WriteLine($"nint from = (((nint)s * {g.OutputHeight} + oh) * {g.OutputWidth} + ow + p) * {filters};");
                            for (int f = 0; f < filters; f++)
                            {
                                string dz = ActivationCode.ScalarDerivative(activation, slope, $"{Unsafe}.Add(ref gradient0, {Plus("from", f)})", $"{Unsafe}.Add(ref y0, {Plus("from", f)})");
                                w.WriteLine($"{Unsafe}.Add(ref transposedGradient0, lane0 + p{(f == 0 ? "" : " + " + f * filterStride)}) = {(partial ? $"p < covered ? 0f : {dz}" : dz)};");
                            }
                        }
                    }
                }

                w.WriteLine("// dL/db: each filter's lanes summed");
                using (w.Open($"for (int f = 0; f < {filters}; f++)"))
                {
                    w.WriteLine($"nint sum = (nint)({taps * filters} + f) * {lanes};");
                    w.WriteLine($"{v.Float} total = {v.Type}.LoadUnsafe(ref sums0, (nuint)sum);");
                    using (w.Open($"for (nint k = 0; k < {filterStride}; k += {lanes})"))
                    {
                        w.WriteLine($"total += {v.Type}.LoadUnsafe(ref transposedGradient0, (nuint)(f * {filterStride} + k));");
                    }

                    w.WriteLine($"{v.Type}.StoreUnsafe(total, ref sums0, (nuint)sum);");
                }

                int group = TapGroup(filters);
                w.WriteLine($"// dL/dW: {(group > 1 ? $"{group} taps at a time, " : "")}each tap's image values times dL/dz, over the image's output rows and blocks");
                w.WriteLine("int tap = 0;");
                if (group > 1 && taps >= group)
                {
                    using (w.Open($"for (; tap + {group} <= {taps}; tap += {group})"))
                    {
                        TapSums(w, conv, group, v);
                    }
                }

                using (w.Open($"for (; tap < {taps}; tap++)"))
                {
                    TapSums(w, conv, 1, v);
                }
            }

            w.WriteLine("// The partial sums added up");
            using (w.Open($"for (int k = 0; k < {taps * filters}; k++)"))
            {
                w.WriteLine($"{Unsafe}.Add(ref kernelGradient0, k) += {v.Type}.Sum({v.Type}.LoadUnsafe(ref sums0, (nuint)(k * {lanes})));");
            }

            using (w.Open($"for (int f = 0; f < {filters}; f++)"))
            {
                w.WriteLine($"{Unsafe}.Add(ref biasGradient0, f) += {v.Type}.Sum({v.Type}.LoadUnsafe(ref sums0, (nuint)(({taps * filters} + f) * {lanes})));");
            }
        }
    }

    /// <summary>The kernel gradient's partial sums of <paramref name="group"/> taps from <c>tap</c> over image <c>s</c>.</summary>
    private static void TapSums(SourceWriter w, Conv2DLayer conv, int group, VectorWidth v)
    {
        Window2DGeometry g = conv.Window;
        int filters = conv.Filters, blocks = Blocks(g, v), lanes = v.Lanes;
        int filterStride = g.OutputHeight * blocks * lanes;
        string Tap(int t) => t == 0 ? "tap" : $"(tap + {t})";
        string Sum(int t, int f) => $"(nuint)({Plus($"{Tap(t)} * {filters}", f)}) * {lanes}";
        for (int t = 0; t < group; t++)
        {
            w.WriteLine($"nint offset{t} = {Offset(g, Tap(t))};");
            for (int f = 0; f < filters; f++)
            {
                w.WriteLine($"{v.Float} a{t}_{f} = {v.Type}.LoadUnsafe(ref sums0, {Sum(t, f)});");
            }
        }

        using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
        {
            w.WriteLine($"nint row = (nint)s * {conv.Input.Size} + (nint)oh * {g.StrideHeight * g.Width};");
            using (w.Open($"for (int b = 0; b < {blocks}; b++)"))
            {
                w.WriteLine(g.OutputWidth % lanes != 0 ? $"nint ow = global::System.Math.Min(b * {lanes}, {g.OutputWidth - lanes});" : $"nint ow = b * {lanes};");
                w.WriteLine($"nuint lane0 = (nuint)(((nint)oh * {blocks} + b) * {lanes});");
                for (int t = 0; t < group; t++)
                {
                    w.WriteLine($"{v.Float} pixels{t} = {v.Type}.LoadUnsafe(ref x0, (nuint)(row + ow + offset{t}));");
                }

                for (int f = 0; f < filters; f++)
                {
                    w.WriteLine($"{v.Float} dz{f} = {v.Type}.LoadUnsafe(ref transposedGradient0, lane0{(f == 0 ? "" : " + " + f * filterStride)});");
                    for (int t = 0; t < group; t++)
                    {
                        w.WriteLine($"a{t}_{f} = {v.MultiplyAdd}(pixels{t}, dz{f}, a{t}_{f});");
                    }
                }
            }
        }

        for (int t = 0; t < group; t++)
        {
            for (int f = 0; f < filters; f++)
            {
                w.WriteLine($"{v.Type}.StoreUnsafe(a{t}_{f}, ref sums0, {Sum(t, f)});");
            }
        }
    }

    /// <summary>
    /// The 256-bit method's portable path: a machine without 256-bit SIMD goes to the 128-bit twin by
    /// <paramref name="twinCall"/>, one without SIMD through the scalar loops <paramref name="scalar"/> writes
    /// (<paramref name="how"/> says how they go, for their comment). In a JIT build both conditions are constants.
    /// </summary>
    private static void HandOver(SourceWriter w, string twinCall, string how, System.Action scalar)
    {
        using (w.Open($"if (!{V.Type}.IsHardwareAccelerated)"))
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

    /// <summary>
    /// The vector path's loops over images, output rows and blocks of pixels, with <c>at</c> the image value under the
    /// block's first pixel's window's first tap, <c>ow</c> the block's first output column and <c>outputRow</c> the
    /// output pixel that starts its row.
    /// </summary>
    private static void VectorLoops(SourceWriter w, Conv2DLayer conv, VectorWidth v, System.Action block)
    {
        Window2DGeometry g = conv.Window;
        using (w.Open("for (int s = 0; s < count; s++)"))
        {
            using (w.Open($"for (int oh = 0; oh < {g.OutputHeight}; oh++)"))
            {
                w.WriteLine($"nint outputRow = ((nint)s * {g.OutputHeight} + oh) * {g.OutputWidth};");
                using (w.Open($"for (int b = 0; b < {g.OutputWidth}; b += {v.Lanes})"))
                {
                    if (g.OutputWidth % v.Lanes != 0)
                    {
                        w.WriteLine($"// The last block ends at the row's end, overlapping the one before it: its shared pixels are computed twice, identically.");
                    }

                    w.WriteLine(g.OutputWidth % v.Lanes != 0 ? $"nint ow = global::System.Math.Min(b, {g.OutputWidth - v.Lanes});" : "nint ow = b;");
                    w.WriteLine($"nint at = (nint)s * {conv.Input.Size} + (nint)oh * {g.StrideHeight * g.Width} + ow;");
                    block();
                }
            }
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

    /// <summary>The distance of tap <paramref name="tap"/>'s value from the window's first: its row and column, dilated.</summary>
    private static string Offset(Window2DGeometry g, string tap) =>
        $"(nint)({tap} / {g.WindowWidth}) * {g.Dilation * g.Width} + (nint)({tap} % {g.WindowWidth}){(g.Dilation == 1 ? "" : " * " + g.Dilation)}";
}
