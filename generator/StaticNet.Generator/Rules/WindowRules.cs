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
    /// Checks the window <paramref name="height"/> × <paramref name="width"/> (named by the attribute's arguments) and
    /// returns its geometry, or null when the input or the window is invalid (the problem is reported).
    /// </summary>
    public static Window2DGeometry? Check(DeclaredLayer declared, LayerContext context, (string Name, int Value) height, (string Name, int Value) width, int strides, int dilation)
    {
        bool valid = true;
        if (context.Input.Rank != 3)
        {
            context.Report(DiagnosticDescriptors.NeedsImage, context.Name, context.Input.Keras);
            valid = false;
        }

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
            return null;
        }

        Window2DGeometry geometry = Window2DGeometry.Of(context.Input, height.Value, width.Value, strides, strides, dilation, (Padding)padding);
        return Empty(geometry, declared, context) ? null : geometry;
    }

    /// <summary>As <see cref="Check"/>, for a pooling window whose strides default (0) to the pool size along each axis.</summary>
    public static Window2DGeometry? CheckPool(DeclaredLayer declared, LayerContext context)
    {
        int poolHeight = declared.GetInt("poolHeight", 0), poolWidth = declared.GetInt("poolWidth", 0);
        int strides = declared.GetInt("Strides", 0);
        if (strides < 0)
        {
            context.Report(DiagnosticDescriptors.InvalidWindow, "Strides", context.Name, 0, strides);
            return null;
        }

        Window2DGeometry? geometry = Check(declared, context, ("poolHeight", poolHeight), ("poolWidth", poolWidth), strides == 0 ? 1 : strides, 1);
        return geometry is null || strides != 0 ? geometry : Pool(context.Input, declared);
    }

    /// <summary>The geometry of a valid pooling declaration.</summary>
    public static Window2DGeometry Pool(TensorShape input, DeclaredLayer declared)
    {
        int poolHeight = declared.GetInt("poolHeight", 0), poolWidth = declared.GetInt("poolWidth", 0);
        int strides = declared.GetInt("Strides", 0);
        var padding = (Padding)declared.GetInt("Padding", (int)Padding.Valid);
        return Window2DGeometry.Of(input, poolHeight, poolWidth, strides == 0 ? poolHeight : strides, strides == 0 ? poolWidth : strides, 1, padding);
    }

    private static bool Empty(Window2DGeometry geometry, DeclaredLayer declared, LayerContext context)
    {
        if (geometry.OutputHeight > 0 && geometry.OutputWidth > 0)
        {
            return false;
        }

        context.Report(DiagnosticDescriptors.EmptyWindowOutput, context.Name, $"{geometry.ExtentHeight}×{geometry.ExtentWidth}", $"{geometry.Height}×{geometry.Width}");
        return true;
    }
}
