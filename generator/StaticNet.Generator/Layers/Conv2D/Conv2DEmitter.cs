using StaticNet.Generator.Emit;
using StaticNet.Generator.Emit.MatrixProducts;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Conv2D;

/// <summary>
/// A convolution's code. The mini-batch passes (training, and inference for <c>ComputeLoss</c>) are a matrix product
/// per image: its patches gathered by the runtime's <c>Patches</c> (im2col: one row per output pixel) times the kernel,
/// through the <c>{Prefix}ForwardBatch</c>/<c>{Prefix}BackwardBatch</c> methods the matrix-product writer generates for
/// Dense too, and the patches' gradient scattered back onto the image. The one-sample passes (<c>Forward</c>,
/// <c>InputGradient</c>) call the runtime's loop-based <c>Conv2DReference</c>. As the network's last layer it writes
/// pre-activations and leaves its activation to the network.
/// </summary>
internal sealed class Conv2DEmitter : ILayerEmitter
{
    public static readonly Conv2DEmitter Instance = new();

    private const string Conv2DReference = "global::StaticNet.Generated.Conv2DReference";

    private const string Patches = "global::StaticNet.Generated.Patches";

    public string Describe(LayerPlan plan)
    {
        Conv2DLayer conv = Layer(plan);
        string kernel = conv.Input.Rank == 2 ? $"{conv.Window.WindowWidth}" : $"{conv.Window.WindowHeight}×{conv.Window.WindowWidth}";
        return $"{conv.Type}({conv.Filters}, {kernel}, {ActivationCode.Describe(conv.Function.Function, conv.Function.NegativeSlope)}, strides {conv.Window.StrideWidth}, dilation {conv.Window.Dilation}, {conv.Padding})";
    }

    public string? DescribeCode(LayerPlan plan) => plan.Conv().Direct
        ? "direct: the one-channel image spread over the filters' lanes, a vector of an output row per load"
        : plan.Conv().Pointwise
        ? "pointwise: a matrix product over the pixels"
        : $"im2col: each image's {Literals.Count(plan.Conv().Pixels)} patches × the kernel as a matrix product";

    public string Info(LayerPlan plan, string common)
    {
        Conv2DLayer conv = Layer(plan);
        return $"new global::StaticNet.{conv.Type}LayerInfo({common}, {ActivationEnum}.{conv.Function.Function}, {Literals.Float(conv.Function.NegativeSlope)}, {conv.Window.StrideWidth}, {conv.Window.Dilation}, global::StaticNet.Padding.{conv.Padding}, {Literals.Float(conv.Kernel.L1)}, {Literals.Float(conv.Kernel.L2)})";
    }

    public void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused) => WriteInferenceBatch(w, plan, site);

    public bool NeedsPortableInference(LayerPlan plan) => false;

    public void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInferenceBatch(w, plan, site);

    public void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        MatrixProduct product = plan.Conv().Product;
        if (product.TransposedKernel)
        {
            w.WriteLine($"{Matrices}.Transpose({site.Values(plan.Tensor("kernel"))}, {product.Inputs}, {product.Units}, {site.Scratch("TransposedKernel")});");
        }
    }

    public void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site) => WriteInferenceBatch(w, plan, site);

    public void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        Conv2DPlan conv = plan.Conv();
        string kernel = site.Values(plan.Tensor("kernel"));
        string bias = site.Values(plan.Tensor("bias"));
        if (conv.Direct)
        {
            w.WriteLine($"{DirectConvolutionCode.ForwardMethod(Layer(plan))}({kernel}, {bias}, {site.Input}, {site.Output}, {site.Scratch("Expanded")}, {site.Count});");
            return;
        }

        if (conv.Pointwise)
        {
            w.WriteLine(MatrixProductForwardCode.Call(conv.Product, kernel, bias, site.Input, site.Output, $"{site.Count} * {conv.Pixels}"));
            return;
        }

        Conv2DLayer layer = Layer(plan);
        w.WriteLine($"// {layer.Name}: {(site.Count == "1" ? "the image's" : "each image's")} patches times the kernel");
        using (EachImage(w, site))
        {
            w.WriteLine(Gather(plan, site));
            w.WriteLine(MatrixProductForwardCode.Call(conv.Product, kernel, bias, site.Scratch("Patches"), Image(site, site.Output, layer.Output.Size), conv.Pixels.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site)
    {
        Conv2DPlan conv = plan.Conv();
        string kernel = conv.Product.TransposedKernel ? site.Scratch("TransposedKernel") : site.Values(plan.Tensor("kernel"));
        string kernelGradient = site.GradientOf(plan.Tensor("kernel"));
        string biasGradient = site.GradientOf(plan.Tensor("bias"));
        if (conv.Direct)
        {
            w.WriteLine($"{DirectConvolutionCode.BackwardMethod(Layer(plan))}({site.Input}, {site.Output}, {site.OutputGradient}, {kernelGradient}, {biasGradient}, {site.Scratch("Expanded")}, {site.Scratch("GradientRows")}, {site.Count});");
            return;
        }

        if (conv.Pointwise)
        {
            w.WriteLine(MatrixProductBackwardCode.Call(conv.Product, kernel, site.Input, site.Output, site.OutputGradient!, kernelGradient, biasGradient, site.InputGradient, $"{site.Count} * {conv.Pixels}"));
            return;
        }

        Conv2DLayer layer = Layer(plan);
        w.WriteLine($"// {layer.Name}: each image's patches gathered again, the product's backward pass, {(conv.Product.NeedsInputGradient ? "the patches' gradient scattered onto the image" : "no input gradient (nothing before it learns)")}");
        using (EachImage(w, site))
        {
            w.WriteLine(Gather(plan, site));
            string? patchesGradient = conv.Product.NeedsInputGradient ? site.Scratch("PatchesGradient") : null;
            w.WriteLine(MatrixProductBackwardCode.Call(conv.Product, kernel, site.Scratch("Patches"), Image(site, site.Output, layer.Output.Size), Image(site, site.OutputGradient!, layer.Output.Size), kernelGradient, biasGradient, patchesGradient, conv.Pixels.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (patchesGradient is not null)
            {
                w.WriteLine(conv.GeneratedPatches
                    ? $"{layer.Prefix}Scatter({patchesGradient}, {Image(site, site.InputGradient!, layer.Input.Size)});"
                    : $"{Patches}.Scatter({patchesGradient}, {layer.Window.Literal}, {Image(site, site.InputGradient!, layer.Input.Size)});");
            }
        }
    }

    public void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network)
    {
        Conv2DPlan conv = plan.Conv();
        if (conv.Direct)
        {
            DirectConvolutionCode.WriteForward(w, Layer(plan), conv.DirectPlan!, conv.Product.DefersActivation);
            w.WriteLine();
            if (plan.RunsBackward)
            {
                DirectConvolutionCode.WriteBackward(w, Layer(plan), conv.DirectPlan!, conv.Product.ThroughActivation);
                w.WriteLine();
            }

            return;
        }

        if (conv.GeneratedPatches)
        {
            PatchesCode.WriteGather(w, Layer(plan), conv.PatchesSize);
            w.WriteLine();
            if (plan.RunsBackward && conv.Product.NeedsInputGradient)
            {
                PatchesCode.WriteScatter(w, Layer(plan), conv.PatchesSize);
                w.WriteLine();
            }
        }

        MatrixProductForwardCode.Write(w, plan.Conv().Product);
        w.WriteLine();
        if (plan.RunsBackward)
        {
            MatrixProductBackwardCode.Write(w, plan.Conv().Product);
            w.WriteLine();
        }
    }

    /// <summary>The statement that gathers the patches of the tile's image <c>image</c> into the layer's buffer.</summary>
    private static string Gather(LayerPlan plan, LayerSite site)
    {
        Conv2DLayer layer = Layer(plan);
        string image = Image(site, site.Input, layer.Input.Size);
        return plan.Conv().GeneratedPatches
            ? $"{layer.Prefix}Gather({image}, {site.Scratch("Patches")});"
            : $"{Patches}.Gather({image}, {layer.Window.Literal}, {site.Scratch("Patches")});";
    }

    /// <summary>A loop over the tile's images, or for one sample a block.</summary>
    private static System.IDisposable EachImage(SourceWriter w, LayerSite site) =>
        site.Count == "1" ? w.OpenScope() : w.Open($"for (int image = 0; image < {site.Count}; image++)");

    /// <summary>One image of a tile's rows: <c>x.Slice(image * 784, 784)</c>; the rows themselves in a one-sample pass.</summary>
    private static string Image(LayerSite site, string rows, int size) => site.Count == "1" ? rows : $"{rows}.Slice(image * {size}, {size})";

    public void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation)
    {
        Conv2DLayer conv = Layer(plan);
        w.WriteLine($"{Conv2DReference}.Backward({site.Input}, {site.Output}, {site.OutputGradient}, {site.Values(plan.Tensor("kernel"))}, default, default, {site.InputGradient ?? "default"}, 1, {conv.Window.Literal}, {conv.Filters}, {Function(conv)}, throughActivation: {(throughActivation ? "true" : "false")});");
    }

    private static string Function(Conv2DLayer conv) => $"{ActivationEnum}.{conv.Function.Function}, {Literals.Float(conv.Function.NegativeSlope)}";

    private static Conv2DLayer Layer(LayerPlan plan) => (Conv2DLayer)plan.Layer;
}
