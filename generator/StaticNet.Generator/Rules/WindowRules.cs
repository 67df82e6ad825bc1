using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator.Rules;

/// <summary>
/// The rules of a 2-D window (a convolution's kernel, a pooling window): an image input, positive sizes, strides and
/// dilation, not both strides and dilation above 1 (Keras refuses it), a defined padding, and an output that is not
/// empty. Shared by every 2-D kind, so each says the same thing about the same mistake.
/// </summary>
internal static class WindowRules
{
    /// <summary>
    /// Reports each problem of the window <paramref name="height"/> × <paramref name="width"/> (named by the attribute's
    /// arguments) on the layer's attribute. A window without problems is one <see cref="Fit"/> gives a geometry for.
    /// </summary>
    public static void Check(DeclaredLayer declared, LayerContext context, (string Name, int Value) height, (string Name, int Value) width, int strides, int dilation, bool sequence = false)
    {
        bool valid = CheckRank(context, sequence);

        foreach (var (name, value) in new[] { height, width, ("Strides", strides), ("DilationRate", dilation) })
        {
            if (value < 1)
            {
                context.Report(DiagnosticDescriptors.InvalidWindow, name, context.Name, 1, value);
                valid = false;
            }
        }

        if (strides > 1 && dilation > 1)
        {
            context.Report(DiagnosticDescriptors.StridesWithDilation, context.Name, strides, dilation);
            valid = false;
        }

        int padding = declared.GetInt("Padding", (int)Padding.Valid);
        if (!Enum.IsDefined(typeof(Padding), padding))
        {
            context.Report(DiagnosticDescriptors.UndefinedEnumValue, padding, nameof(Padding));
            valid = false;
        }

        if (!valid || context.Input.Size < 1)
        {
            return;
        }

        Window2DGeometry geometry = Window2DGeometry.Of(AsImage(context.Input), height.Value, width.Value, sequence ? 1 : strides, strides, dilation, (Padding)padding);
        if (geometry.OutputHeight < 1 || geometry.OutputWidth < 1)
        {
            context.Report(DiagnosticDescriptors.EmptyWindowOutput, context.Name, $"{geometry.ExtentHeight}×{geometry.ExtentWidth}", $"{geometry.Height}×{geometry.Width}");
        }
    }

    /// <summary>
    /// The geometry of a window over <paramref name="input"/>, or null where <see cref="Check"/> finds a problem with the
    /// input's rank, a size, a stride, the dilation, the padding or an empty output: what a kind's output shape and model
    /// are built from, so the kinds never restate the rules.
    /// </summary>
    public static Window2DGeometry? Fit(TensorShape input, bool sequence, int height, int width, int strideHeight, int strideWidth, int dilation, int padding)
    {
        if (input.Rank != (sequence ? 2 : 3) || input.Size < 1 || height < 1 || width < 1 || strideHeight < 1 || strideWidth < 1 || dilation < 1
            || !Enum.IsDefined(typeof(Padding), padding))
        {
            return null;
        }

        Window2DGeometry geometry = Window2DGeometry.Of(AsImage(input), height, width, strideHeight, strideWidth, dilation, (Padding)padding);
        return geometry.OutputHeight > 0 && geometry.OutputWidth > 0 ? geometry : null;
    }

    /// <summary>An image kind takes rank 3 (height × width × channels), a sequence kind rank 2 (steps × channels).</summary>
    public static bool CheckRank(LayerContext context, bool sequence)
    {
        if (context.Input.Rank == (sequence ? 2 : 3))
        {
            return true;
        }

        context.Report(sequence ? DiagnosticDescriptors.NeedsSequence : DiagnosticDescriptors.NeedsImage, context.Name, context.Input.Keras);
        return false;
    }

    /// <summary>
    /// The image a window goes over: an image as it is; a sequence (steps × channels) as an image of one row, so the 1-D
    /// kinds run on the 2-D kinds' code with a window one row high.
    /// </summary>
    public static TensorShape AsImage(TensorShape input) =>
        input.Rank == 2 ? new TensorShape(new EquatableArray<int>(new[] { 1, input.Dimensions[0], input.Dimensions[1] })) : input;

    /// <summary>
    /// As <see cref="Check"/>, for a pooling window whose strides default (0) to the pool size along each axis; a 1-D
    /// pooling's <c>poolSize</c> is the width of a window one row high.
    /// </summary>
    public static void CheckPool(DeclaredLayer declared, LayerContext context, bool sequence = false)
    {
        var (poolHeight, poolWidth) = PoolSize(declared, sequence);
        int strides = declared.GetInt("Strides", 0);
        if (strides < 0)
        {
            context.Report(DiagnosticDescriptors.InvalidWindow, "Strides", context.Name, 0, strides);
            return;
        }

        // Strides of 0 stand for the pool size: whether the window fits does not depend on them, so check it with 1.
        Check(declared, context, (sequence ? "poolSize" : "poolHeight", poolHeight), (sequence ? "poolSize" : "poolWidth", poolWidth), strides == 0 ? 1 : strides, 1, sequence);
    }

    /// <summary>The geometry of a pooling declaration, its strides defaulting to the pool size along each axis, or null (see <see cref="Fit"/>).</summary>
    public static Window2DGeometry? Pool(TensorShape input, DeclaredLayer declared, bool sequence)
    {
        var (poolHeight, poolWidth) = PoolSize(declared, sequence);
        int strides = declared.GetInt("Strides", 0);
        return Fit(input, sequence, poolHeight, poolWidth, strides == 0 || sequence ? poolHeight : strides, strides == 0 ? poolWidth : strides, 1, declared.GetInt("Padding", (int)Padding.Valid));
    }

    /// <summary>The window: rows and columns, or for a 1-D pooling one row of <c>poolSize</c>.</summary>
    public static (int Height, int Width) PoolSize(DeclaredLayer declared, bool sequence) =>
        sequence ? (1, declared.GetInt("poolSize", 0)) : (declared.GetInt("poolHeight", 0), declared.GetInt("poolWidth", 0));
}
